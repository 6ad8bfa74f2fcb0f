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
