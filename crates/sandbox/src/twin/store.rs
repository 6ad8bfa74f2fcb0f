//! `Twin`: the world behind a lock, settled before every use and, with `--state FILE`, saved
//! atomically after every change (write a temporary file, sync it, rename it over the old one,
//! sync the directory), so a crash loses nothing that was acknowledged.
//!
//! An API change and the answer kept for its correlation id are saved in one write
//! ([`Twin::mutation`]): changes run one at a time, the change is made in memory, the answer is
//! stored beside it, and only then is the world saved and the answer sent. A crash before that
//! save loses the change (the retry makes it once); a crash after it keeps both (the retry gets
//! the stored answer). While a change is open, other saves are left to it.

use super::time;
use super::world::{Change, Millis, World};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How the twin behaves over time, and where it keeps its state.
#[derive(Clone, Debug)]
pub struct TwinSettings {
    /// How long accounts, orders and transfers stay pending (1002) before they complete.
    pub pending_delay: Duration,
    /// How long a 3-Year Commit request stays REQUESTED before it is ACCEPTED.
    pub commitment_delay: Duration,
    /// Where to persist the world, if anywhere.
    pub state_file: Option<PathBuf>,
}

impl Default for TwinSettings {
    fn default() -> Self {
        TwinSettings { pending_delay: Duration::from_secs(4), commitment_delay: Duration::from_secs(8), state_file: None }
    }
}

/// Applies a change that has come due.
pub type Applier = fn(&mut World, Change, Millis);

struct Inner {
    world: Mutex<World>,
    settings: TwinSettings,
    apply: Applier,
    /// Held by the one API change under way.
    mutations: tokio::sync::Mutex<()>,
    /// Whether an API change is under way (its save covers everything meanwhile).
    open: std::sync::atomic::AtomicBool,
}

tokio::task_local! {
    /// Set inside [`Twin::mutation`]: writes there are saved by the mutation's commit.
    static IN_MUTATION: ();
}

/// The shared twin.
#[derive(Clone)]
pub struct Twin(Arc<Inner>);

impl Twin {
    /// A twin over `world`, loading `settings.state_file` instead when it exists.
    pub fn open(world: World, settings: TwinSettings, apply: Applier) -> io::Result<Twin> {
        let world = match &settings.state_file {
            Some(path) if path.exists() => load(path)?,
            _ => world,
        };
        let twin = Twin(Arc::new(Inner {
            world: Mutex::new(world),
            settings,
            apply,
            mutations: tokio::sync::Mutex::new(()),
            open: std::sync::atomic::AtomicBool::new(false),
        }));
        twin.save(&twin.lock())?;
        Ok(twin)
    }

    /// The settings.
    pub fn settings(&self) -> &TwinSettings {
        &self.0.settings
    }

    /// When a change scheduled now comes due.
    pub fn pending_until(&self, now: Millis) -> Millis {
        now + self.0.settings.pending_delay.as_millis() as Millis
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        // A poisoned lock means a handler panicked mid-change; the data is still the best we have.
        self.0.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn settle(&self, world: &mut World, now: Millis) -> bool {
        let due = world.take_due(now);
        let changed = !due.is_empty();
        for change in due {
            (self.0.apply)(world, change, now);
        }
        changed
    }

    /// Reads the settled world.
    pub fn read<R>(&self, f: impl FnOnce(&World, Millis) -> R) -> R {
        let now = time::now();
        let mut world = self.lock();
        if self.settle(&mut world, now) {
            let _ = self.save(&world);
        }
        f(&world, now)
    }

    /// Changes what the world keeps in memory only (fields the state file skips): never saves.
    pub fn remember<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        f(&mut self.lock())
    }

    /// Changes the settled world and persists it. A failure to persist is an error: the
    /// change must not be acknowledged.
    pub fn write<R>(&self, f: impl FnOnce(&mut World, Millis) -> R) -> io::Result<R> {
        let now = time::now();
        let mut world = self.lock();
        self.settle(&mut world, now);
        let result = f(&mut world, now);
        self.save(&world)?;
        Ok(result)
    }

    /// An API change: runs `f` on the settled world and persists the result; a failure to
    /// persist is 1124, so an answer is only sent for what is saved.
    pub fn change<R>(&self, f: impl FnOnce(&mut World, Millis) -> Result<R, super::ApiError>) -> Result<R, super::ApiError> {
        self.write(f).unwrap_or_else(|_| Err(super::ApiError::code("1124")))
    }

    /// Runs `act` (an API change) alone: once it is the only change under way, `before` may
    /// answer instead (a stored answer for a duplicate that waited); otherwise `act` runs, its
    /// writes stay in memory, and `commit` then records its answer in the same save.
    pub async fn mutation<T>(
        &self,
        before: impl FnOnce(&World) -> Option<T>,
        act: impl std::future::Future<Output = T>,
        commit: impl FnOnce(&mut World, &T),
    ) -> io::Result<T> {
        let _alone = self.0.mutations.lock().await;
        if let Some(answer) = self.read(|w, _| before(w)) {
            return Ok(answer);
        }
        self.0.open.store(true, std::sync::atomic::Ordering::SeqCst);
        let answer = IN_MUTATION.scope((), act).await;
        let saved = {
            let mut world = self.lock();
            commit(&mut world, &answer);
            self.write_file(&world)
        };
        self.0.open.store(false, std::sync::atomic::Ordering::SeqCst);
        saved.map(|()| answer)
    }

    fn save(&self, world: &World) -> io::Result<()> {
        // Inside a mutation, or while one is open: its commit saves this too.
        if IN_MUTATION.try_with(|_| ()).is_ok() || self.0.open.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(());
        }
        self.write_file(world)
    }

    fn write_file(&self, world: &World) -> io::Result<()> {
        match &self.0.settings.state_file {
            Some(path) => save_atomically(path, world),
            None => Ok(()),
        }
    }
}

fn load(path: &Path) -> io::Result<World> {
    let text = std::fs::read(path)?;
    serde_json::from_slice(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display())))
}

/// Writes `world` to `path` so that `path` always holds either the old or the new state whole.
pub fn save_atomically(path: &Path, world: &World) -> io::Result<()> {
    let bytes = serde_json::to_vec(world).map_err(io::Error::other)?;
    let tmp = path.with_extension("tmp");
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
