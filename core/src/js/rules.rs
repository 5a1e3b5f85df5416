//! `client.rules.*`: the Alerting rules API, each call in the client's space or the
//! `space_id` it names.

use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::call::{call, in_space};
use crate::models::{CreateRule, FindRules, UpdateRule};
use crate::{Connector, Kibana};

/// `rules.find(...)` and `rules.findAll(...)`: the query, and the space.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct FindRulesRequest {
    /// The `_find` query.
    #[serde(flatten)]
    pub query: FindRules,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `rules.get(...)`, `rules.delete(...)`, `rules.enable(...)`, `rules.disable(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct RuleRef {
    /// The rule id.
    pub id: String,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `rules.create(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct CreateRuleRequest {
    /// A chosen id (default: random).
    #[tsify(optional)]
    pub id: Option<String>,
    /// The rule.
    pub rule: CreateRule,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `rules.update(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct UpdateRuleRequest {
    /// The rule id.
    pub id: String,
    /// What the rule does from now on (a full replace).
    pub rule: UpdateRule,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `rules.usedBy(...)`: the connector (as `actions.get` or `getAll` returned it).
#[derive(Debug, Deserialize, Tsify)]
pub struct UsedByRequest {
    /// The connector.
    pub connector: Connector,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

in_space!(
    FindRulesRequest,
    RuleRef,
    CreateRuleRequest,
    UpdateRuleRequest,
    UsedByRequest
);

/// Alerting rule operations; every call may name another `space_id`.
#[wasm_bindgen(js_name = Rules)]
#[derive(Debug, Clone)]
pub struct JsRules {
    inner: Kibana,
}

impl JsRules {
    pub(crate) fn new(inner: Kibana) -> Self {
        JsRules { inner }
    }
}

#[wasm_bindgen(js_class = Rules)]
impl JsRules {
    /// `GET /api/alerting/rules/_find`: one page.
    #[wasm_bindgen(unchecked_return_type = "Promise<RulesPage>")]
    pub fn find(&self, request: Option<Ts<FindRulesRequest>>) -> js_sys::Promise {
        call(&self.inner, "find request", request, |kb, r| async move {
            kb.rules().find(&r.query).await
        })
    }

    /// Every rule matching the query, page after page.
    #[wasm_bindgen(js_name = findAll, unchecked_return_type = "Promise<Rule[]>")]
    pub fn find_all(&self, request: Option<Ts<FindRulesRequest>>) -> js_sys::Promise {
        call(&self.inner, "find request", request, |kb, r| async move {
            kb.rules().find_all(&r.query).await
        })
    }

    /// The rules whose actions run the connector, found as Kibana's Rules tab finds them.
    #[wasm_bindgen(js_name = usedBy, unchecked_return_type = "Promise<Rule[]>")]
    pub fn used_by(&self, request: Ts<UsedByRequest>) -> js_sys::Promise {
        call(&self.inner, "usedBy request", request, |kb, r| async move {
            kb.rules().used_by(&r.connector).await
        })
    }

    /// `GET /api/alerting/rule/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Rule>")]
    pub fn get(&self, request: Ts<RuleRef>) -> js_sys::Promise {
        call(&self.inner, "get request", request, |kb, r| async move {
            kb.rules().get(&r.id).await
        })
    }

    /// `POST /api/alerting/rule[/{id}]`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Rule>")]
    pub fn create(&self, request: Ts<CreateRuleRequest>) -> js_sys::Promise {
        call(&self.inner, "create request", request, |kb, r| async move {
            match r.id {
                Some(id) => kb.rules().create_with_id(&id, &r.rule).await,
                None => kb.rules().create(&r.rule).await,
            }
        })
    }

    /// `PUT /api/alerting/rule/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Rule>")]
    pub fn update(&self, request: Ts<UpdateRuleRequest>) -> js_sys::Promise {
        call(&self.inner, "update request", request, |kb, r| async move {
            kb.rules().update(&r.id, &r.rule).await
        })
    }

    /// `DELETE /api/alerting/rule/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, request: Ts<RuleRef>) -> js_sys::Promise {
        call(&self.inner, "delete request", request, |kb, r| async move {
            kb.rules().delete(&r.id).await
        })
    }

    /// `POST /api/alerting/rule/{id}/_enable`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn enable(&self, request: Ts<RuleRef>) -> js_sys::Promise {
        call(&self.inner, "enable request", request, |kb, r| async move {
            kb.rules().enable(&r.id).await
        })
    }

    /// `POST /api/alerting/rule/{id}/_disable`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn disable(&self, request: Ts<RuleRef>) -> js_sys::Promise {
        call(
            &self.inner,
            "disable request",
            request,
            |kb, r| async move { kb.rules().disable(&r.id).await },
        )
    }
}
