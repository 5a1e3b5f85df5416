//! The Spaces API: `/api/spaces/space*` (spaces themselves are global).
//!
//! Routes covered: `GET /api/spaces/space`, `GET /api/spaces/space/{id}`,
//! `POST /api/spaces/space`, `PUT /api/spaces/space/{id}`, `DELETE /api/spaces/space/{id}`.
//! See <https://www.elastic.co/docs/api/doc/kibana/group/endpoint-spaces>.

use gloo_net::http::Method;

use crate::client::Kibana;
use crate::error::{Error, Result};
use crate::models::{DEFAULT_SPACE, Space, validate_space_id};
use crate::transport::{self, Call};

impl Kibana {
    /// The Spaces API (`/api/spaces/space*`, global: never under a `/s/{space}` prefix).
    pub fn spaces(&self) -> Spaces<'_> {
        Spaces::new(self)
    }
}

/// Spaces operations. Get one with [`Kibana::spaces`].
#[derive(Debug, Clone, Copy)]
pub struct Spaces<'a> {
    kb: &'a Kibana,
}

impl<'a> Spaces<'a> {
    pub(crate) fn new(kb: &'a Kibana) -> Self {
        Spaces { kb }
    }

    fn call<'c>(method: Method, segments: &'c [&'c str], body: Option<String>) -> Call<'c> {
        // The Spaces API is global: always called outside any /s/{space} prefix.
        Call {
            body,
            ..Call::new(method, DEFAULT_SPACE, segments)
        }
    }

    fn body(space: &Space) -> Result<Option<String>> {
        serde_json::to_string(space)
            .map(Some)
            .map_err(|e| Error::InvalidConfig(format!("cannot encode the space: {e}")))
    }

    /// `GET /api/spaces/space`: the spaces the caller can see, sorted by name.
    ///
    /// # Errors
    /// Network and authentication errors.
    pub async fn get_all(&self) -> Result<Vec<Space>> {
        let spaces: Vec<Space> = transport::send_json(
            self.kb.config(),
            Self::call(Method::GET, &["api", "spaces", "space"], None),
        )
        .await?;
        self.kb
            .remember_spaces(spaces.iter().map(|s| s.id.as_str()));
        Ok(spaces)
    }

    /// `GET /api/spaces/space/{id}`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no such space.
    pub async fn get(&self, id: &str) -> Result<Space> {
        validate_space_id(id)?;
        transport::send_json(
            self.kb.config(),
            Self::call(Method::GET, &["api", "spaces", "space", id], None),
        )
        .await
    }

    /// `POST /api/spaces/space`: creates a space.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the id exists, [`Error::BadRequest`] for invalid fields.
    pub async fn create(&self, space: &Space) -> Result<Space> {
        validate_space_id(&space.id)?;
        let created = transport::send_json(
            self.kb.config(),
            Self::call(
                Method::POST,
                &["api", "spaces", "space"],
                Self::body(space)?,
            ),
        )
        .await;
        self.kb.forget_space(&space.id);
        created
    }

    /// `PUT /api/spaces/space/{id}`: replaces a space's fields.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no such space.
    pub async fn update(&self, space: &Space) -> Result<Space> {
        validate_space_id(&space.id)?;
        let path = ["api", "spaces", "space", space.id.as_str()];
        let call = Self::call(Method::PUT, &path, Self::body(space)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `DELETE /api/spaces/space/{id}`: deletes a space **and every connector in it**.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::BadRequest`] for the reserved default space.
    pub async fn delete(&self, id: &str) -> Result<()> {
        validate_space_id(id)?;
        let result = transport::send(
            self.kb.config(),
            Self::call(Method::DELETE, &["api", "spaces", "space", id], None),
        )
        .await;
        self.kb.forget_space(id);
        result.map(|_| ())
    }
}
