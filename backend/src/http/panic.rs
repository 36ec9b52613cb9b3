//! A panic in a handler is answered like any other unexpected failure: a 500 on the side the
//! request is on (problem JSON or a page, with a reference that is also logged), instead of a
//! connection dropped without an answer. Both sides' error rendering runs their handlers through
//! [`caught`].

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

use crate::error::AppError;

/// Runs `work`; a panic in it becomes an [`AppError::Internal`] naming the panic's message.
pub async fn caught<T>(work: impl Future<Output = poem::Result<T>>) -> poem::Result<T> {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_string());
            Err(AppError::Internal(anyhow::anyhow!("handler panicked: {message}")).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_an_internal_error() {
        let err = caught(async {
            let n: i64 = std::hint::black_box(i64::MIN);
            if n < 0 {
                panic!("attempt to subtract with overflow");
            }
            Ok(n)
        })
        .await
        .unwrap_err();
        let app_err = err.downcast::<AppError>().unwrap();
        assert_eq!(app_err.status().as_u16(), 500);
        assert!(
            format!("{app_err}").contains("attempt to subtract with overflow"),
            "{app_err}"
        );
        assert_eq!(caught(async { Ok(7) }).await.unwrap(), 7);
    }
}
