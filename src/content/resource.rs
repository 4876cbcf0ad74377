//! One resource type for every content request.
//!
//! Each `LocalResource<T>` compiles its own copy of Leptos's async machinery (the derived
//! future, its polling, its notifications): one copy per content type, then one more per
//! fetching closure. [`Loader<T>`] is a typed handle on a single `LocalResource` type that
//! holds the content type-erased, so that machinery is compiled once for the whole app
//! (docs/performance.md). Components use it as they would a `LocalResource`: create it
//! with the fetch to run, await [`Loader::get`] inside a `Suspend`, call [`Loader::refetch`]
//! to retry.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use super::error::ContentError;

type Erased = Result<Rc<dyn Any>, ContentError>;
type Fetch = Rc<dyn Fn() -> LocalBoxFuture<'static, Erased>>;

/// A content request, run again when the signals its fetch reads change.
pub struct Loader<T> {
    inner: LocalResource<Erased>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loader<T> {}

impl<T: Clone + 'static> Loader<T> {
    /// Starts `fetch` (and again whenever a signal it reads changes, or on
    /// [`refetch`](Self::refetch)).
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ContentError>> + 'static,
    {
        let fetch: Fetch = Rc::new(move || erase(fetch()));
        Self {
            inner: erased(fetch),
            ty: PhantomData,
        }
    }

    /// The content, or why there is none; awaited inside a `Suspend`, it suspends the
    /// `Suspense` around it until the request ends.
    pub async fn get(self) -> Result<T, ContentError> {
        let value = self.inner.await?;
        match value.downcast::<T>() {
            Ok(value) => Ok(Rc::unwrap_or_clone(value)),
            // The value was made by `new`, for this very `T`.
            Err(_) => unreachable!("a loader holds its own type"),
        }
    }

    /// Runs the request again (a retry).
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

/// `future`, boxed, with its content type-erased. Generic over the future alone: two loaders
/// of the same fetch function (the article page and the embed) share this code, which polls
/// the whole request, parse and read included.
fn erase<T: 'static>(
    future: impl Future<Output = Result<T, ContentError>> + 'static,
) -> LocalBoxFuture<'static, Erased> {
    Box::pin(async move { future.await.map(|value| Rc::new(value) as Rc<dyn Any>) })
}

/// The one `LocalResource` instantiation (one closure type, one future type).
fn erased(fetch: Fetch) -> LocalResource<Erased> {
    LocalResource::new(move || fetch())
}
