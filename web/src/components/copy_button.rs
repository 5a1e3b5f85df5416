use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies text to the clipboard and says whether it worked.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// Accessible name, e.g. "Copy id".
    #[prop(default = "Copy")]
    label: &'static str,
    /// `data-testid`.
    #[prop(default = "copy")]
    testid: &'static str,
) -> impl IntoView {
    let write = Action::new_local(|text: &String| {
        let writing = JsFuture::from(window().navigator().clipboard().write_text(text));
        async move { writing.await.is_ok() }
    });
    let copy = move |_| {
        write.dispatch(text.get_untracked());
    };
    view! {
        <button type="button" class="copy" data-testid=testid aria-label=label title=label on:click=copy>
            {move || copy_label(write.value().get())}
        </button>
    }
}

/// A copy button's text: before copying (`None`), after it worked, after it failed.
pub(crate) fn copy_label(copied: Option<bool>) -> &'static str {
    match copied {
        None => "Copy",
        Some(true) => "Copied",
        Some(false) => "Copy failed: select the text",
    }
}
