//! App-wide state: the connected deployments (each a Kibana client with its settings), the
//! one the page shows, and their persistence.
//!
//! Non-secret settings live in `localStorage`; a secret stays in memory unless the user ticks
//! "remember on this device", and then only in `sessionStorage`, per deployment.

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use kibana_connectors::{DEFAULT_SPACE, Error, Kibana};
use leptos::prelude::*;

use crate::forms::connection::{AuthKind, ConnectionForm, SavedConnection};
use crate::forms::deployments::suggested_name;
use crate::forms::toasts::{ToastQueue, Tone, Undo};

/// The last connection form's settings (prefills the form).
const SETTINGS_KEY: &str = "kibana-console.connection";
/// The secret of a remembered connection from before deployments (read once, then moved).
const LEGACY_SECRET_KEY: &str = "kibana-console.secret";
/// Per deployment: `kibana-console.secret.<name>`.
const SECRET_KEY_PREFIX: &str = "kibana-console.secret.";
/// The connected deployments' settings, in the order they were added.
const DEPLOYMENTS_KEY: &str = "kibana-console.deployments";
const CONNECTIONS_KEY: &str = "kibana-console.connections";
const MAX_SAVED: usize = 10;
const MAX_RUNS: usize = 50;

/// One Kibana the console is connected to.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// Its name (`/d/{name}/...`).
    pub name: String,
    /// Where it is and how the console signs in (never the secret).
    pub saved: SavedConnection,
    /// The client.
    pub client: Kibana,
}

fn secret_key(name: &str) -> String {
    format!("{SECRET_KEY_PREFIX}{name}")
}

/// One run of a connector in this session (kept in memory only: params may hold personal data).
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// Space the connector is in.
    pub space: String,
    /// The run connector's id (the history lists only this connector's runs on its page).
    pub connector_id: String,
    /// Connector name at the time.
    pub connector_name: String,
    /// Local time of the run, `HH:MM:SS`.
    pub at: String,
    /// Whether Kibana reported `status: ok`.
    pub ok: bool,
    /// The message, or "ok".
    pub summary: String,
}

/// Shared state, provided as context by [`crate::App`].
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// Every connected deployment, in the order they were added.
    pub deployments: RwSignal<Vec<Deployment>>,
    /// The deployment the page shows (set from `/d/{name}/...`; the last one otherwise).
    pub current: RwSignal<String>,
    /// The current deployment's client, once connected.
    pub client: Signal<Option<Kibana>>,
    /// The connection form's last values (never the secret unless remembered).
    pub form: RwSignal<ConnectionForm>,
    /// Whether the secret is remembered in this browser session.
    pub remember: RwSignal<bool>,
    /// Connections used before (non-secret settings only), newest first.
    pub saved: RwSignal<Vec<SavedConnection>>,
    /// Runs in this session, newest first.
    pub runs: RwSignal<Vec<RunRecord>>,
    /// A form has changes that leaving the page would lose.
    pub unsaved: RwSignal<bool>,
    /// Notes on completed work, shown as toasts.
    pub toasts: RwSignal<ToastQueue>,
    /// Bumped when work outside a page changed Kibana's data (an Undo in a toast): lists that
    /// track it reload.
    pub changed: RwSignal<u64>,
}

impl AppState {
    /// Loads saved settings and reconnects every deployment whose secret was remembered (or
    /// that needs none). Settings from before deployments become one deployment.
    pub fn load() -> Self {
        let last: SavedConnection = LocalStorage::get(SETTINGS_KEY).unwrap_or_default();
        let mut known: Vec<SavedConnection> =
            LocalStorage::get(DEPLOYMENTS_KEY).unwrap_or_default();
        let legacy_secret: Option<String> = SessionStorage::get(LEGACY_SECRET_KEY).ok();
        if known.is_empty() && legacy_secret.is_some() {
            let mut only = last.clone();
            if only.name.is_empty() {
                only.name = suggested_name(&only.url, &[]);
            }
            if let Some(secret) = &legacy_secret {
                let _ = SessionStorage::set(secret_key(&only.name), secret);
            }
            SessionStorage::delete(LEGACY_SECRET_KEY);
            known.push(only);
        }
        let mut deployments = Vec::new();
        let mut last_secret = None;
        for saved in known {
            let secret: Option<String> = SessionStorage::get(secret_key(&saved.name)).ok();
            if secret.is_none() && saved.auth != AuthKind::Cookie {
                continue;
            }
            if saved.name == last.name {
                last_secret = secret.clone();
            }
            let form = ConnectionForm {
                saved: saved.clone(),
                secret: secret.unwrap_or_default(),
            };
            if let Ok(client) = form.to_client() {
                deployments.push(Deployment {
                    name: saved.name.clone(),
                    saved,
                    client,
                });
            }
        }
        let current = deployments
            .iter()
            .find(|d| d.name == last.name)
            .or(deployments.first())
            .map(|d| d.name.clone())
            .unwrap_or_default();
        let deployments = RwSignal::new(deployments);
        let current = RwSignal::new(current);
        let client = Signal::derive(move || {
            let name = current.get();
            deployments.with(|list| {
                list.iter()
                    .find(|d| d.name == name)
                    .map(|d| d.client.clone())
            })
        });
        AppState {
            deployments,
            current,
            client,
            remember: RwSignal::new(last_secret.is_some()),
            form: RwSignal::new(ConnectionForm {
                saved: last,
                secret: last_secret.unwrap_or_default(),
            }),
            saved: RwSignal::new(LocalStorage::get(CONNECTIONS_KEY).unwrap_or_default()),
            runs: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(false),
            toasts: RwSignal::new(ToastQueue::default()),
            changed: RwSignal::new(0),
        }
    }

    /// Adds the deployment `form.saved.name` (or replaces the one of that name), stores its
    /// settings (and its secret only when `remember` is on), and makes it current.
    pub fn connect(&self, form: ConnectionForm, client: Kibana, remember: bool) {
        let name = form.saved.name.clone();
        let _ = LocalStorage::set(SETTINGS_KEY, &form.saved);
        self.saved.update(|list| {
            list.retain(|s| s != &form.saved);
            list.insert(0, form.saved.clone());
            list.truncate(MAX_SAVED);
            let _ = LocalStorage::set(CONNECTIONS_KEY, &*list);
        });
        if remember {
            let _ = SessionStorage::set(secret_key(&name), &form.secret);
        } else {
            SessionStorage::delete(secret_key(&name));
        }
        self.deployments.update(|list| {
            let entry = Deployment {
                name: name.clone(),
                saved: form.saved.clone(),
                client,
            };
            match list.iter_mut().find(|d| d.name == name) {
                Some(existing) => *existing = entry,
                None => list.push(entry),
            }
            store_deployments(list);
        });
        self.remember.set(remember);
        self.form.set(form);
        self.current.set(name);
    }

    /// Removes a saved connection from the list.
    pub fn forget(&self, connection: &SavedConnection) {
        self.saved.update(|list| {
            list.retain(|s| s != connection);
            let _ = LocalStorage::set(CONNECTIONS_KEY, &*list);
        });
    }

    /// Shows a toast.
    pub fn notify(&self, message: impl Into<String>, tone: Tone, undo: Option<Undo>) {
        let message = message.into();
        self.toasts.update(|q| {
            q.push(message, tone, undo);
        });
    }

    /// Adds a run to the session history.
    pub fn record_run(&self, run: RunRecord) {
        self.runs.update(|list| {
            list.insert(0, run);
            list.truncate(MAX_RUNS);
        });
    }

    /// The current deployment's client, or the error pages show when there is none (tracked:
    /// a load that calls this reruns when the deployment or its connection changes).
    pub fn connected(&self) -> Result<Kibana, Error> {
        self.client.get().ok_or_else(not_connected)
    }

    /// The client, read without tracking (for actions and event handlers).
    pub fn connected_untracked(&self) -> Result<Kibana, Error> {
        self.client.get_untracked().ok_or_else(not_connected)
    }

    /// The client scoped to `space`, read without tracking (for actions and event handlers).
    pub fn scoped(&self, space: &str) -> Result<Kibana, Error> {
        self.connected_untracked()?.space(space)
    }

    /// The client of the deployment `name`, read without tracking.
    pub fn client_of(&self, name: &str) -> Result<Kibana, Error> {
        self.deployments
            .with_untracked(|list| {
                list.iter()
                    .find(|d| d.name == name)
                    .map(|d| d.client.clone())
            })
            .ok_or_else(|| Error::InvalidConfig(format!("not connected to deployment {name}")))
    }

    /// The names of the connected deployments (tracked).
    pub fn deployment_names(&self) -> Vec<String> {
        self.deployments
            .with(|list| list.iter().map(|d| d.name.clone()).collect())
    }

    /// Disconnects the deployment `name` and forgets its remembered secret; the current one
    /// moves to another connected deployment, if any.
    pub fn disconnect(&self, name: &str) {
        SessionStorage::delete(secret_key(name));
        self.deployments.update(|list| {
            list.retain(|d| d.name != name);
            store_deployments(list);
        });
        if self.current.get_untracked() == name {
            let next = self
                .deployments
                .with_untracked(|list| list.first().map(|d| d.name.clone()))
                .unwrap_or_default();
            self.current.set(next);
        }
        self.form.update(|f| {
            if f.saved.name == name {
                f.secret.clear();
            }
        });
    }
}

fn store_deployments(list: &[Deployment]) {
    let saved: Vec<&SavedConnection> = list.iter().map(|d| &d.saved).collect();
    let _ = LocalStorage::set(DEPLOYMENTS_KEY, &saved);
}

fn not_connected() -> Error {
    Error::InvalidConfig("not connected to Kibana".into())
}

/// The state from context.
///
/// # Panics
/// Outside [`crate::App`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// The deployment of the current route (`/d/:deployment/...`), the current one when absent.
pub fn use_deployment() -> Memo<String> {
    let params = leptos_router::hooks::use_params_map();
    let state = use_app_state();
    Memo::new(move |_| {
        params
            .get()
            .get("deployment")
            .unwrap_or_else(|| state.current.get())
    })
}

/// The space of the current route (`/s/:space/...`), `default` when absent.
pub fn use_space() -> Memo<String> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params
            .get()
            .get("space")
            .unwrap_or_else(|| DEFAULT_SPACE.to_string())
    })
}
