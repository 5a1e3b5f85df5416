use leptos::prelude::*;
use leptos::task::spawn_local;
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
    let outcome = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let ok = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
            outcome.set(Some(ok));
        });
    };
    view! {
        <button type="button" class="copy" data-testid=testid aria-label=label title=label on:click=copy>
            {move || match outcome.get() {
                None => "Copy",
                Some(true) => "Copied",
                Some(false) => "Copy failed: select the text",
            }}
        </button>
    }
}
