//! App-wide state: the connected client and the connection settings, with their persistence.
//!
//! Non-secret settings live in `localStorage`; the secret stays in memory unless the user ticks
//! "remember on this device", and then only in `sessionStorage`.

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use kibana_connectors::{DEFAULT_SPACE, Error, Kibana};
use leptos::prelude::*;

use crate::forms::connection::{ConnectionForm, SavedConnection};
use crate::forms::toasts::{ToastQueue, Tone, Undo};

const SETTINGS_KEY: &str = "kibana-console.connection";
const SECRET_KEY: &str = "kibana-console.secret";
const CONNECTIONS_KEY: &str = "kibana-console.connections";
const MAX_SAVED: usize = 10;
const MAX_RUNS: usize = 50;

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
    /// The client, once connected.
    pub client: RwSignal<Option<Kibana>>,
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
    /// Loads saved settings and, when a secret was remembered (or none is needed), connects.
    pub fn load() -> Self {
        let saved: SavedConnection = LocalStorage::get(SETTINGS_KEY).unwrap_or_default();
        let remembered: Option<String> = SessionStorage::get(SECRET_KEY).ok();
        let form = ConnectionForm {
            saved,
            secret: remembered.clone().unwrap_or_default(),
        };
        let client = if remembered.is_some()
            || form.saved.auth == crate::forms::connection::AuthKind::Cookie
        {
            form.to_client().ok()
        } else {
            None
        };
        AppState {
            client: RwSignal::new(client),
            form: RwSignal::new(form),
            remember: RwSignal::new(remembered.is_some()),
            saved: RwSignal::new(LocalStorage::get(CONNECTIONS_KEY).unwrap_or_default()),
            runs: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(false),
            toasts: RwSignal::new(ToastQueue::default()),
            changed: RwSignal::new(0),
        }
    }

    /// Stores the settings (and the secret only when `remember` is on), then sets the client.
    pub fn connect(&self, form: ConnectionForm, client: Kibana, remember: bool) {
        let _ = LocalStorage::set(SETTINGS_KEY, &form.saved);
        self.saved.update(|list| {
            list.retain(|s| s != &form.saved);
            list.insert(0, form.saved.clone());
            list.truncate(MAX_SAVED);
            let _ = LocalStorage::set(CONNECTIONS_KEY, &*list);
        });
        if remember {
            let _ = SessionStorage::set(SECRET_KEY, &form.secret);
        } else {
            SessionStorage::delete(SECRET_KEY);
        }
        self.remember.set(remember);
        self.form.set(form);
        self.client.set(Some(client));
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

    /// The client, or the error pages show when there is none (tracked: a load that calls
    /// this reruns when the connection changes).
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

    /// Forgets the client and any remembered secret.
    pub fn disconnect(&self) {
        SessionStorage::delete(SECRET_KEY);
        self.form.update(|f| f.secret.clear());
        self.client.set(None);
    }
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
