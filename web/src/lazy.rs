//! Pages whose code is a wasm chunk of its own, fetched the first time one opens, so the first
//! download holds only the shell and the connectors list.
//!
//! Each page is a `#[wasm_split(chunk, fallible)]` function (the helper Leptos's own `#[lazy]`
//! uses, in the mode where a failed fetch is an `Err` rather than a panic that would abort the
//! whole wasm). The release bundle is built with `--cfg console_split` and split at these
//! functions by `cargo xtask` (`xtask/src/split.rs`); without the cfg (debug builds, Trunk's
//! dev server, native tests) they are plain calls, since an unsplit wasm cannot resolve the
//! imports a split function leaves. A chunk that cannot be fetched (offline, or a newer
//! console deployed over this one) shows an error view with a way to try again; the failure
//! is not cached, so the next try fetches afresh.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
#[cfg(console_split)]
use leptos::wasm_split::wasm_split;

use crate::components::ErrorView;

/// A page's code could not be downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkLoadError;

impl std::fmt::Display for ChunkLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "This page's code could not be downloaded. Check the connection to the console's \
             server and try again (after a new version of the console was deployed, reload).",
        )
    }
}

impl std::error::Error for ChunkLoadError {}

impl From<SplitLoaderError> for ChunkLoadError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkLoadError
    }
}

/// A loaded page's constructor: a plain function pointer, so the loaded chunk can be kept in
/// a resource (views are not `Clone`) and its code still lives in the chunk.
type Render = fn() -> AnyView;

/// What a lazy page's loader returns: the page's constructor, once its chunk is in.
type PageLoad = Pin<Box<dyn Future<Output = Result<Render, ChunkLoadError>>>>;

/// Renders the page `load` fetches: "Loading…" meanwhile, the error view and a retry button
/// when the chunk does not arrive.
///
/// The chunk is a resource of its own, not a `Suspense`: a `Suspense` would also wait for every
/// resource the page reads (the inventory's reads of 50 spaces and their rules), hiding rows
/// that could already be shown.
fn lazy(load: fn() -> PageLoad) -> impl IntoView {
    let chunk = LocalResource::new(load);
    move || match chunk.get() {
        None => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
        Some(Ok(render)) => render(),
        Some(Err(e)) => view! {
            <section class="panel" data-testid="chunk-error">
                <ErrorView message=e.to_string()/>
                // The failure is not cached: this fetches the chunk afresh.
                <button type="button" data-testid="retry-chunk" on:click=move |_| chunk.refetch()>
                    "Try again"
                </button>
            </section>
        }
        .into_any(),
    }
}

/// Declares a page component that renders `$page` from the chunk `$chunk` (`$load` names the
/// split function: the splitter tells split functions apart by name and place).
macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident, $chunk:ident, $load:ident, $page:path) => {
        $(#[$doc])*
        #[component]
        pub fn $name() -> impl IntoView {
            // Only the split function names the page, so its code goes to the chunk.
            #[cfg(console_split)]
            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $load() -> Result<Render, ChunkLoadError> {
                Ok(|| view! { <$page/> }.into_any())
            }
            // Unsplit builds (debug, Trunk's dev server, native tests): the same page, at once.
            #[cfg(not(console_split))]
            async fn $load() -> Result<Render, ChunkLoadError> {
                Ok(|| view! { <$page/> }.into_any())
            }
            lazy(|| Box::pin($load()))
        }
    };
}

lazy_page!(
    /// The connection page (`/connect`), from the `connect` chunk.
    ConnectPage, connect, load_connect_page, crate::pages::ConnectPage
);
lazy_page!(
    /// The cross-space inventory (`/all/connectors`), from the `inventory` chunk.
    InventoryPage, inventory, load_inventory_page, crate::pages::InventoryPage
);
lazy_page!(
    /// Promote between deployments (`/promote`), from the `promote` chunk.
    PromotePage, promote, load_promote_page, crate::pages::PromotePage
);
lazy_page!(
    /// Secret rotation (`/rotate`), from the `rotate` chunk.
    RotatePage, rotate, load_rotate_page, crate::pages::RotatePage
);
lazy_page!(
    /// Export, import, copy and move (`/d/:deployment/transfer`), from the `transfer` chunk.
    TransferPage, transfer, load_transfer_page, crate::pages::TransferPage
);
lazy_page!(
    /// The create form (`.../connectors/new`), from the `create` chunk.
    CreatePage, create, load_create_page, crate::pages::CreatePage
);
lazy_page!(
    /// One connector's page (`.../connectors/:id`), from the `connector` chunk.
    ConnectorPage, connector, load_connector_page, crate::pages::ConnectorPage
);
