use kibana_connectors::Space;
use leptos::prelude::*;

/// Picks the space the page shows.
#[component]
pub fn SpaceSwitcher(
    /// Spaces from the Spaces API.
    #[prop(into)]
    spaces: Signal<Vec<Space>>,
    /// The current space id.
    #[prop(into)]
    current: Signal<String>,
    /// Called with the chosen space id.
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="space-switcher">"Space "
            <select data-testid="space-switcher" prop:value=move || current.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let mut list = spaces.get();
                    let here = current.get();
                    if !list.iter().any(|s| s.id == here) {
                        list.insert(0, Space::new(here.clone(), here.clone()));
                    }
                    list.into_iter().map(|s| view! { <option value=s.id.clone() selected=s.id == here>{s.name}</option> }).collect_view()
                }}
            </select>
        </label>
    }
}
