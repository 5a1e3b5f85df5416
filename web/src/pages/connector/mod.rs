//! One connector: `/s/:space/connectors/:id`, with its configuration (`?tab=edit`, the default),
//! a test panel (`?tab=test`), copy/move to other spaces (`?tab=copy`) and the alerting rules
//! that use it (`?tab=rules`). Every tab stays mounted, so switching keeps what was typed.

mod copy;
mod edit;
mod replace;
mod rules;
pub(super) mod run;

use kibana_connectors::Connector;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::components::{BoundaryErrors, CopyButton, ErrorView, RulesGuard, rules_impact};
use crate::data::use_type_names;
use crate::forms::bulk::delete_question;
use crate::forms::rules_impact::Impact;
use crate::forms::toasts::Tone;
use crate::routes::{self, ConnectorTab};
use crate::state::{use_app_state, use_deployment, use_space};
use copy::CopyPanel;
use edit::EditForm;
use rules::RulesPanel;
use run::RunPanel;

/// The connector page: loads the connector of the route's space and id.
#[component]
pub fn ConnectorPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let dep = use_deployment();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let query = use_query_map();
    let tab = Memo::new(move |_| query.with(|q| q.get("tab").unwrap_or_else(|| "edit".into())));
    let saved = RwSignal::new(false);
    let connector = LocalResource::new(move || {
        let client = state.connected();
        let (space, id) = (space.get(), id.get());
        async move { client?.space(&space)?.actions().get(&id).await }
    });
    let type_names = use_type_names();
    // The last breadcrumb: the connector's name once loaded, its id until then.
    let crumb = Memo::new(move |_| {
        connector
            .get()
            .and_then(Result::ok)
            .map(|c| c.name)
            .unwrap_or_else(|| id.get())
    });
    // "Saved." appears with the connector as Kibana now has it (its new name in the header),
    // not before the reload that brings it.
    let reloading_after_save = RwSignal::new(false);
    let on_saved = Callback::new(move |()| {
        reloading_after_save.set(true);
        connector.refetch();
    });
    let page = move || {
        Suspend::new(async move {
            let c = connector.await?;
            if reloading_after_save.get_untracked() {
                reloading_after_save.set(false);
                saved.set(true);
            }
            let type_label = type_names
                .with(|n| n.get(&c.connector_type_id).cloned())
                .unwrap_or_else(|| c.connector_type_id.clone());
            Ok::<_, kibana_connectors::Error>(view! {
                <Header connector=c.clone() type_label=type_label/>
                <nav class="tabs" role="tablist">
                    <TabLink tab=ConnectorTab::Edit label="Configuration" current=tab id=id/>
                    <TabLink tab=ConnectorTab::Test label="Test" current=tab id=id/>
                    <TabLink tab=ConnectorTab::Copy label="Copy or move" current=tab id=id/>
                    <TabLink tab=ConnectorTab::Rules label="Rules" current=tab id=id/>
                </nav>
                <div role="tabpanel" hidden=move || tab.get() != "edit">
                    {move || saved.get().then(|| view! { <p class="notice" role="status" data-testid="saved">"Saved."</p> })}
                    <EditForm connector=c.clone() on_saved=on_saved saved=saved/>
                </div>
                <div role="tabpanel" hidden=move || tab.get() != "test">
                    <RunPanel connector=c.clone()/>
                </div>
                <div role="tabpanel" hidden=move || tab.get() != "copy">
                    <CopyPanel connector=c.clone()/>
                </div>
                <div role="tabpanel" hidden=move || tab.get() != "rules">
                    {move || (tab.get() == "rules").then(|| view! { <RulesPanel connector=c.clone()/> })}
                </div>
            })
        })
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <nav class="breadcrumbs" aria-label="Breadcrumbs">
                    <ol>
                        <li><a data-testid="back" href=move || routes::connectors(&dep.get(), &space.get())>"Connectors"</a></li>
                        <li>"Space " <code data-testid="crumb-space">{move || space.get()}</code></li>
                        <li aria-current="page" data-testid="crumb-connector">{move || crumb.get()}</li>
                    </ol>
                </nav>
                <Transition fallback=|| view! { <p class="loading" role="status" data-testid="loading">"Loading the connector…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <BoundaryErrors errors/> }>
                        {page}
                    </ErrorBoundary>
                </Transition>
            </section>
        </Show>
    }
}

/// One tab of the connector page (a link, so tabs deep-link and work from the keyboard).
#[component]
fn TabLink(
    tab: ConnectorTab,
    label: &'static str,
    current: Memo<String>,
    id: Memo<String>,
) -> impl IntoView {
    let space = use_space();
    let dep = use_deployment();
    let name = tab.name();
    view! {
        <a role="tab" data-testid=format!("tab-{name}") aria-selected=move || (current.get() == name).to_string()
            href=move || routes::connector_tab(&dep.get(), &space.get(), &id.get(), tab)>{label}</a>
    }
}

/// Name, type, id with copy, badges and Delete.
#[component]
fn Header(connector: Connector, type_label: String) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let dep = use_deployment();
    let navigate = use_navigate();
    let in_use = connector.referenced_by_count.unwrap_or(0);
    let name = connector.name.clone();
    let remove = Action::new_local(move |id: &String| {
        let (space, id) = (space.get_untracked(), id.clone());
        let client = state.scoped(&space);
        let name = name.clone();
        async move {
            client?.actions().delete(&id).await?;
            Ok::<_, kibana_connectors::Error>((space, name))
        }
    });
    Effect::new(move |_| {
        if let Some(Ok((space, name))) = remove.value().get() {
            state.notify(
                format!("Deleted {name}. A delete cannot be undone."),
                Tone::Ok,
                None,
            );
            navigate(
                &routes::connectors(&dep.get_untracked(), &space),
                Default::default(),
            );
        }
    });
    let failure = move || remove.value().get().and_then(Result::err);
    let target = connector.clone();
    // Rules that use it are read first: a used connector is deleted only through the guard's
    // explicit button, an unused one after the usual question.
    let pending = RwSignal::new(None::<Impact>);
    let delete = move |_| {
        let Ok(kb) = state.scoped(&space.get_untracked()) else {
            return;
        };
        let target = target.clone();
        let space_id = space.get_untracked();
        leptos::task::spawn_local(async move {
            let impact = rules_impact(&kb, &[(space_id, target.clone())]).await;
            if !impact.is_clear() {
                pending.set(Some(impact));
            } else if window()
                .confirm_with_message(&delete_question(std::slice::from_ref(&target)))
                .unwrap_or(false)
            {
                remove.dispatch(target.id.clone());
            }
        });
    };
    let own_id = connector.id.clone();
    let on_confirm = Callback::new(move |_: Impact| {
        remove.dispatch(own_id.clone());
    });
    view! {
        <div class="toolbar">
            <h1 data-testid="connector-name">{connector.name.clone()}</h1>
            {(!connector.is_preconfigured).then(|| view! {
                <button type="button" class="danger" data-testid="delete" on:click=delete>"Delete"</button>
            })}
        </div>
        <p class="meta">
            {type_label} " " <code class="muted">{connector.connector_type_id.clone()}</code> " · id "
            <code data-testid="connector-id">{connector.id.clone()}</code> " "
            <CopyButton text=connector.id.clone() label="Copy id" testid="copy-id"/> " "
            {connector.is_preconfigured.then(|| view! { <span class="badge">"preconfigured"</span> })}
            {connector.is_deprecated.then(|| view! { <span class="badge warn">"deprecated"</span> })}
            {(connector.is_missing_secrets == Some(true)).then(|| view! { <span class="badge warn">"missing secrets"</span> })}
            {(in_use > 0).then(|| view! { <span class="badge">{format!("in use by {in_use}")}</span> })}
        </p>
        <RulesGuard pending=pending verb="deleting" confirm_label=Impact::delete_button on_confirm=on_confirm/>
        {move || failure().map(|e| view! { <ErrorView error=e/> })}
    }
}
