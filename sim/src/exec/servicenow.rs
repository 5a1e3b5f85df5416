//! ServiceNow ITSM, SecOps and ITOM, calling the configured instance as Kibana's service does
//! (`stack_connectors/server/connector_types/lib/servicenow/service.ts` and `api.ts`):
//! ITSM and SecOps push through the "Elastic for ITSM/SecOps" application's Import Set API
//! (after its health check, fields prefixed `u_`) unless the connector uses the deprecated
//! Table API, and read each incident back for its number and dates; ITOM posts events.

use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::Runnable;
use super::clock::{iso, now_iso};
use super::http::Service;
use crate::schema::str_field;
use crate::state::Sim;

const PREFIX: &str = "[Action][ServiceNow]";

/// Where one product keeps its incidents (`snExternalServiceConfig` in
/// `lib/servicenow/config.ts`).
struct Product {
    table: &'static str,
    import_set_table: &'static str,
    app_scope: &'static str,
    uses_import_api: bool,
}

fn product(type_id: &str) -> Product {
    match type_id {
        ".servicenow-sir" => Product {
            table: "sn_si_incident",
            import_set_table: "x_elas2_sir_int_elastic_si_incident",
            app_scope: "x_elas2_sir_int",
            uses_import_api: true,
        },
        ".servicenow-itom" => Product {
            table: "em_event",
            import_set_table: "",
            app_scope: "x_elas2_inc_int",
            uses_import_api: false,
        },
        _ => Product {
            table: "incident",
            import_set_table: "x_elas2_inc_int_elastic_incident",
            app_scope: "x_elas2_inc_int",
            uses_import_api: true,
        },
    }
}

/// The field Kibana writes each case comment to (`commentFieldKey`).
const COMMENT_FIELD: &str = "work_notes";

/// The Elastic application's field prefix on the Import Set API (`FIELD_PREFIX`).
const FIELD_PREFIX: &str = "u_";

/// One connector's view of its instance.
struct Instance<'a> {
    svc: Service<'a>,
    base: String,
    product: Product,
    use_table_api: bool,
    username: Option<String>,
}

/// What Kibana answers for a pushed, updated or closed incident.
fn summary(base: &str, table: &str, incident: &Value, date_field: &str) -> Value {
    let id = incident["sys_id"].as_str().unwrap_or_default();
    json!({
        "title": incident["number"],
        "id": id,
        "pushedDate": pushed_date(incident[date_field].as_str()),
        "url": format!("{base}/nav_to.do?uri={table}.do?sys_id={id}"),
    })
}

/// `getPushedDate`: ServiceNow's `YYYY-MM-DD hh:mm:ss` read as GMT, or now without one.
fn pushed_date(stamp: Option<&str>) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    stamp
        .and_then(|s| time::PrimitiveDateTime::parse(s, &format).ok())
        .map(|t| iso(t.assume_utc()))
        .unwrap_or_else(now_iso)
}

impl Instance<'_> {
    fn table_url(&self) -> String {
        format!("{}/api/now/v2/table/{}", self.base, self.product.table)
    }

    fn import_set_url(&self) -> String {
        format!(
            "{}/api/now/import/{}",
            self.base, self.product.import_set_table
        )
    }

    /// `checkInstance`: a 2xx answer without `result` is not a ServiceNow instance.
    fn check_instance(&self, answer: &Value, what: &str) -> Result<(), String> {
        if answer.get("result").is_none_or(Value::is_null) {
            let host = reqwest::Url::parse(&self.base)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default();
            return Err(format!(
                "{PREFIX}: {what}. Error: There is an issue with your Service Now Instance. Please check {host}."
            ));
        }
        Ok(())
    }

    async fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
        what: &str,
    ) -> Result<Value, String> {
        let what = format!("{PREFIX}: {what}");
        let answer = self.svc.json(method, url, body, &what).await?;
        self.check_instance(&answer, what.trim_start_matches(&format!("{PREFIX}: ")))?;
        Ok(answer)
    }

    /// `checkIfApplicationIsInstalled`: the Import Set API needs Elastic's application.
    async fn check_application(&self) -> Result<(), String> {
        if self.use_table_api {
            return Ok(());
        }
        let url = format!(
            "{}/api/{}/elastic_api/health",
            self.base, self.product.app_scope
        );
        self.call(Method::GET, &url, None, "Unable to get application version")
            .await
            .map(drop)
    }

    /// `throwIfAdditionalFieldsNotSupported`: the Table API takes no additional fields.
    fn refuse_additional_fields(
        &self,
        incident: &Map<String, Value>,
        what: &str,
    ) -> Result<(), String> {
        if self.use_table_api
            && incident
                .get("additional_fields")
                .is_some_and(|v| !v.is_null())
        {
            return Err(format!(
                "{PREFIX}: {what}. Error: ServiceNow additional fields are not supported for deprecated connectors."
            ));
        }
        Ok(())
    }

    /// `prepareIncident`: the Import Set API takes every field prefixed, with the additional
    /// fields as they are; the Table API takes the fields themselves.
    fn prepare(&self, incident: &Map<String, Value>) -> Map<String, Value> {
        let mut fields: Map<String, Value> = incident
            .iter()
            .filter(|(k, _)| *k != "additional_fields")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if self.use_table_api {
            return fields;
        }
        let mut prepared = incident
            .get("additional_fields")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in std::mem::take(&mut fields) {
            prepared.insert(format!("{FIELD_PREFIX}{k}"), v);
        }
        prepared
    }

    /// The incident's id in an import-set or table answer; the import set's own error wins.
    fn written_id(&self, answer: &Value, what: &str) -> Result<String, String> {
        let record = if self.use_table_api {
            &answer["result"]
        } else {
            let first = answer["result"].as_array().and_then(|r| r.first());
            let Some(first) = first else {
                return Err(format!("{PREFIX}: {what}. Error: Unexpected result"));
            };
            if first["status"] == "error" {
                let reason = first["error_message"].as_str().unwrap_or_default();
                return Err(format!("{PREFIX}: {what}. Error: {reason}"));
            }
            first
        };
        Ok(record["sys_id"].as_str().unwrap_or_default().to_string())
    }

    async fn get_incident(&self, id: &str) -> Result<Value, String> {
        let what = format!("Unable to get incident with id {id}");
        if id.trim().is_empty() {
            return Err(format!("{PREFIX}: {what}. Error: Incident id is empty."));
        }
        let url = format!("{}/{id}", self.table_url());
        Ok(self.call(Method::GET, &url, None, &what).await?["result"].clone())
    }

    async fn create(&self, incident: &Map<String, Value>) -> Result<Value, String> {
        let what = "Unable to create incident";
        self.refuse_additional_fields(incident, what)?;
        self.check_application().await?;
        let url = if self.use_table_api {
            self.table_url()
        } else {
            self.import_set_url()
        };
        let answer = self
            .call(
                Method::POST,
                &url,
                Some(Value::Object(self.prepare(incident))),
                what,
            )
            .await?;
        let id = self.written_id(&answer, what)?;
        let inserted = self.get_incident(&id).await?;
        Ok(summary(
            &self.base,
            self.product.table,
            &inserted,
            "sys_created_on",
        ))
    }

    async fn update(&self, id: &str, incident: &Map<String, Value>) -> Result<Value, String> {
        let what = format!("Unable to update incident with id {id}");
        self.refuse_additional_fields(incident, &what)?;
        self.check_application().await?;
        let mut body = self.prepare(incident);
        // The Import Set API only takes POST, naming the incident to update in the body.
        let (method, url) = if self.use_table_api {
            (Method::PATCH, format!("{}/{id}", self.table_url()))
        } else {
            body.insert("elastic_incident_id".into(), json!(id));
            (Method::POST, self.import_set_url())
        };
        let answer = self
            .call(method, &url, Some(Value::Object(body)), &what)
            .await?;
        let written = self.written_id(&answer, &what)?;
        let updated = self.get_incident(&written).await?;
        Ok(summary(
            &self.base,
            self.product.table,
            &updated,
            "sys_updated_on",
        ))
    }

    /// `pushToServiceHandler`: create (with the caller) or update, then one update per comment.
    async fn push(&self, p: &Map<String, Value>) -> Result<Value, String> {
        let mut incident = p
            .get("incident")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let external = incident.remove("externalId").filter(|v| !v.is_null());
        let mut res = match external.as_ref().and_then(Value::as_str) {
            Some(id) => self.update(id, &incident).await?,
            None => {
                let mut with_caller = incident.clone();
                with_caller.insert("caller_id".into(), json!(self.username));
                with_caller.insert("opened_by".into(), json!(self.username));
                self.create(&with_caller).await?
            }
        };
        let comments = p
            .get("comments")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty());
        if let Some(comments) = comments {
            let id = res["id"].as_str().unwrap_or_default().to_string();
            let mut pushed = Vec::new();
            for comment in comments {
                let mut with_comment = incident.clone();
                with_comment.insert(COMMENT_FIELD.into(), comment["comment"].clone());
                self.update(&id, &with_comment).await?;
                pushed.push(
                    json!({"commentId": comment["commentId"], "pushedDate": res["pushedDate"]}),
                );
            }
            res["comments"] = Value::Array(pushed);
        }
        Ok(res)
    }

    /// `closeIncident`: find the incident by id or correlation id; none found (or a 404) is
    /// no error, an incident already closed (state 7) is reported as it is.
    async fn close(&self, p: &Map<String, Value>) -> Result<Value, String> {
        let what = "Unable to close incident";
        let incident = p
            .get("incident")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let incident_id = str_field(&incident, "externalId");
        let correlation_id = str_field(&incident, "correlation_id");
        let found = match (incident_id, correlation_id) {
            (Some(id), _) => {
                let url = format!("{}/{id}", self.table_url());
                let full = format!("{PREFIX}: Unable to get incident with id {id}");
                match self.svc.json_call(Method::GET, &url, None, &full).await {
                    Ok(answer) => answer["result"].clone(),
                    Err(failure) if failure.status == Some(StatusCode::NOT_FOUND) => Value::Null,
                    Err(failure) => return Err(failure.message),
                }
            }
            (None, Some(correlation)) => {
                let url = format!(
                    "{}?sysparm_query=ORDERBYDESCsys_created_on^correlation_id={correlation}",
                    self.table_url()
                );
                let answer = self
                    .call(
                        Method::GET,
                        &url,
                        None,
                        &format!("Unable to get incident by correlation ID {correlation}"),
                    )
                    .await?;
                answer["result"].get(0).cloned().unwrap_or(Value::Null)
            }
            (None, None) => {
                return Err(format!(
                    "{PREFIX}: {what}. Error: No correlationId or incidentId found."
                ));
            }
        };
        if found.as_object().is_none_or(Map::is_empty) {
            return Ok(Value::Null);
        }
        if found["state"] == "7" {
            return Ok(summary(
                &self.base,
                self.product.table,
                &found,
                "sys_updated_on",
            ));
        }
        let id = found["sys_id"].as_str().unwrap_or_default();
        let closing = json!({"state": "7", "close_code": "Closed/Resolved by Caller", "close_notes": "Closed by Caller"});
        self.update(id, closing.as_object().expect("an object"))
            .await
    }

    async fn get_fields(&self) -> Result<Value, String> {
        let url = format!(
            "{}/api/now/table/sys_dictionary?sysparm_query=name=task^ORname={}^internal_type=string&active=true&array=false&read_only=false&sysparm_fields=max_length,element,column_label,mandatory",
            self.base, self.product.table
        );
        Ok(self
            .call(Method::GET, &url, None, "Unable to get fields")
            .await?["result"]
            .clone())
    }

    async fn get_choices(&self, p: &Map<String, Value>) -> Result<Value, String> {
        let fields: Vec<&str> = p
            .get("fields")
            .and_then(Value::as_array)
            .map(|f| f.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let elements = fields
            .iter()
            .map(|f| format!("element={f}"))
            .collect::<Vec<_>>()
            .join("^OR");
        let url = format!(
            "{}/api/now/table/sys_choice?sysparm_query=name=task^ORname={}^{elements}^language=en&sysparm_fields=label,value,dependent_value,element",
            self.base, self.product.table
        );
        Ok(self
            .call(Method::GET, &url, None, "Unable to get choices")
            .await?["result"]
            .clone())
    }

    /// ITOM's `addEvent` (`servicenow_itom/service.ts`): one event in `records`.
    async fn add_event(&self, p: &Map<String, Value>) -> Result<Value, String> {
        let url = format!("{}/api/global/em/jsonv2", self.base);
        self.call(
            Method::POST,
            &url,
            Some(json!({"records": [p]})),
            "Unable to add event",
        )
        .await?;
        Ok(Value::Null)
    }
}

/// Runs one sub-action of a ServiceNow connector; `data` is `{}` where Kibana's handler
/// returns nothing (handshake, a close that found nothing, an added event).
pub(super) async fn run(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let product = product(&c.type_id);
    let uses_table_api = c
        .config
        .get("usesTableApi")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let basic = match (
        str_field(&c.secrets, "username"),
        str_field(&c.secrets, "password"),
    ) {
        (Some(u), Some(pw)) => Some((u, pw)),
        _ => None,
    };
    let instance = Instance {
        svc: Service::new(sim).basic(basic),
        base: c.api_url(),
        use_table_api: !product.uses_import_api || uses_table_api,
        product,
        username: str_field(&c.secrets, "username").map(str::to_owned),
    };
    let data = match sub {
        "pushToService" => instance.push(p).await?,
        "closeIncident" => instance.close(p).await?,
        "getIncident" => {
            let id = str_field(p, "externalId").unwrap_or_default();
            instance.get_incident(id).await?
        }
        "getFields" => instance.get_fields().await?,
        "getChoices" => instance.get_choices(p).await?,
        "addEvent" => instance.add_event(p).await?,
        "handshake" => Value::Null,
        other => {
            return Err(format!(
                "[Action][ExternalService] Unsupported subAction type {other}."
            ));
        }
    };
    Ok(if data.is_null() { json!({}) } else { data })
}
