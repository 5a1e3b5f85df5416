//! Route handlers, after the lifecycle checks in `server.rs`.

mod connectors;
mod legacy;
mod request;
mod rules;
mod spaces;
mod status;

use crate::error::KbResult;
use crate::reply::Reply;
use crate::routes::Route;
use crate::state::Ctx;

/// Runs the handler of a matched route.
pub async fn dispatch(ctx: &Ctx<'_>, route: Route) -> KbResult<Reply> {
    match route {
        Route::Status => status::get(ctx),
        Route::LicensingInfo => status::licensing_info(ctx),
        Route::CreateConnector(id) => connectors::create(ctx, id).map(Reply::Json),
        Route::GetConnector(id) => connectors::get(ctx, &id).map(Reply::Json),
        Route::UpdateConnector(id) => connectors::update(ctx, &id).map(Reply::Json),
        Route::DeleteConnector(id) => connectors::delete(ctx, &id).map(|()| Reply::NoContent),
        Route::ExecuteConnector(id) => connectors::execute(ctx, &id).await.map(Reply::Json),
        Route::ListConnectors => connectors::list(ctx).map(Reply::Json),
        Route::ListTypes => connectors::list_types(ctx).map(Reply::Json),
        Route::CreateRule(id) => rules::create(ctx, id).map(Reply::Json),
        Route::GetRule(id) => rules::get(ctx, &id).map(Reply::Json),
        Route::UpdateRule(id) => rules::update(ctx, &id).map(Reply::Json),
        Route::DeleteRule(id) => rules::delete(ctx, &id).map(|()| Reply::NoContent),
        Route::EnableRule(id, on) => rules::set_enabled(ctx, &id, on).map(|()| Reply::NoContent),
        Route::FindRules => rules::find(ctx).map(Reply::Json),
        Route::ListRuleTypes => rules::list_types(ctx).map(Reply::Json),
        Route::ListSpaces => spaces::list(ctx).map(Reply::Json),
        Route::GetSpace(id) => spaces::get(ctx, &id).map(Reply::Json),
        Route::CreateSpace => spaces::create(ctx).map(Reply::Json),
        Route::UpdateSpace(id) => spaces::update(ctx, &id).map(Reply::Json),
        Route::DeleteSpace(id) => spaces::delete(ctx, &id).map(|()| Reply::NoContent),
        Route::Legacy(r) => legacy::dispatch(ctx, r).await,
    }
}
