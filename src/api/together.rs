//! Calls awaited together: reads that do not depend on each other go out at once, and the
//! caller goes on when every one has answered.

/// A future of `T`, whatever made it.
pub type Boxed<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

/// Every future of `all` awaited together; their outputs in the same order. (`futures`'
/// `join_all` does the same, with a path for long lists that costs bytes this one does not.)
pub async fn together<T>(mut all: Vec<Boxed<'_, T>>) -> Vec<T> {
    let mut outputs: Vec<Option<T>> = all.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (future, output) in all.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                if let std::task::Poll::Ready(o) = future.as_mut().poll(cx) {
                    *output = Some(o);
                }
            }
        }
        if outputs.iter().all(Option::is_some) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// Two futures of any types awaited together: both outputs, once both have come. Nest it for
/// more (`both(both(a, b), c)`).
pub async fn both<A, B>(a: impl std::future::Future<Output = A>, b: impl std::future::Future<Output = B>) -> (A, B) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut from_a, mut from_b) = (None, None);
    std::future::poll_fn(|cx| {
        if from_a.is_none() {
            if let std::task::Poll::Ready(o) = a.as_mut().poll(cx) {
                from_a = Some(o);
            }
        }
        if from_b.is_none() {
            if let std::task::Poll::Ready(o) = b.as_mut().poll(cx) {
                from_b = Some(o);
            }
        }
        match (from_a.take(), from_b.take()) {
            (Some(a), Some(b)) => std::task::Poll::Ready((a, b)),
            (a, b) => {
                (from_a, from_b) = (a, b);
                std::task::Poll::Pending
            }
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::both;
    use std::cell::RefCell;

    /// A future that is pending once (waking itself) before it is ready.
    fn yield_once() -> impl std::future::Future<Output = ()> {
        let mut yielded = false;
        std::future::poll_fn(move |cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
    }

    #[test]
    fn both_start_before_either_ends_and_keep_their_types() {
        let events = RefCell::new(Vec::new());
        let step = |name: &'static str| {
            let events = &events;
            async move {
                events.borrow_mut().push(format!("{name} starts"));
                yield_once().await;
                events.borrow_mut().push(format!("{name} ends"));
                name
            }
        };
        let (a, b) = futures::executor::block_on(both(async { step("a").await.len() }, step("b")));
        assert_eq!((a, b), (1usize, "b"));
        assert_eq!(events.into_inner(), ["a starts", "b starts", "a ends", "b ends"]);
    }
}
