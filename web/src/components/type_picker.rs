use kibana_connectors::ConnectorType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::forms::features::feature_label;
use crate::forms::type_catalog::{
    Move, PickerQuery, TypeInfo, all_features, capitalised, monogram, picker_cards,
};

/// Kibana's connector type picker, faster to use: cards (monogram, display name, one line on
/// what it does, the licence it needs, deprecated and technical-preview badges; greyed with
/// the reason when unavailable), a search over name, id and description, a feature filter,
/// and the arrow keys between the search box and the cards (Enter chooses).
#[component]
pub fn TypePicker(
    /// The connected Kibana's types.
    types: Vec<ConnectorType>,
    /// Called with the chosen type's id.
    on_pick: Callback<String>,
) -> impl IntoView {
    let query = RwSignal::new(PickerQuery::default());
    let features = all_features(&types);
    let cards = Memo::new(move |_| query.with(|q| picker_cards(&types, q)));
    let list = NodeRef::<leptos::html::Ul>::new();
    let search = NodeRef::<leptos::html::Input>::new();

    // The card buttons in order, and which has focus.
    let buttons = move || -> Vec<web_sys::HtmlElement> {
        let Some(ul) = list.get() else {
            return Vec::new();
        };
        let Ok(nodes) = ul.query_selector_all("button.type-card") else {
            return Vec::new();
        };
        (0..nodes.length())
            .filter_map(|i| nodes.get(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .collect()
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(step) = Move::from_key(&ev.key()) else {
            return;
        };
        let all = buttons();
        let active = document().active_element();
        let current = all.iter().position(|b| {
            active
                .as_ref()
                .is_some_and(|a| a == b.as_ref() as &web_sys::Element)
        });
        // Home/End belong to the search box's text while typing there.
        if current.is_none() && matches!(step, Move::First | Move::Last) {
            return;
        }
        ev.prevent_default();
        match step.target(current, all.len()) {
            Some(i) => {
                let _ = all[i].focus();
            }
            None => {
                if let Some(input) = search.get() {
                    let _ = input.focus();
                }
            }
        }
    };

    let card = move |(id, info): (String, TypeInfo)| {
        let reason = info.unavailable.clone();
        let unavailable = reason.is_some();
        let pick_id = id.clone();
        let pick = move |_| {
            if !unavailable {
                on_pick.run(pick_id.clone());
            }
        };
        let described = format!("type-desc-{}", id.trim_start_matches('.'));
        let desc_id = described.clone();
        view! {
            <li>
                <button type="button" class="type-card" data-testid=format!("type-{id}")
                    aria-disabled=unavailable.then_some("true") aria-describedby=described on:click=pick>
                    <span class="monogram" aria-hidden="true">{monogram(&info.name)}</span>
                    <span class="type-text">
                        <span class="type-name">{info.name.clone()}</span>
                        {info.deprecated.then(|| view! { <span class="badge warn" data-testid="badge-deprecated">"Deprecated"</span> })}
                        {info.preview.then(|| view! { <span class="badge" data-testid="badge-preview">"Technical preview"</span> })}
                        <span class="type-desc" id=desc_id>{info.description.clone()}
                            {reason.map(|r| view! { <span class="type-unavailable" data-testid="type-unavailable">" " {r} "."</span> })}
                        </span>
                        <span class="type-meta"><code>{id.clone()}</code> " · " {capitalised(&info.license)} " licence"</span>
                    </span>
                </button>
            </li>
        }
    };

    view! {
        <div class="picker-filters">
            <label>"Search connector types"
                <input type="search" node_ref=search placeholder="Name, id or what it does" data-testid="type-search"
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=move |ev| query.update(|q| q.search = event_target_value(&ev))
                    on:keydown=on_key/>
            </label>
            <label>"Feature"
                <select data-testid="type-feature-filter" on:change=move |ev| query.update(|q| q.feature = event_target_value(&ev))>
                    <option value="">"All features"</option>
                    {features.into_iter().map(|f| view! { <option value=f.clone()>{feature_label(&f).to_string()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <p class="muted" role="status" data-testid="type-count">
            {move || match cards.with(Vec::len) { 1 => "1 type".to_string(), n => format!("{n} types") }}
        </p>
        <ul class="type-grid" data-testid="type-list" node_ref=list on:keydown=on_key>
            <For each=move || cards.get() key=|(id, _)| id.clone() children=card/>
        </ul>
    }
}
