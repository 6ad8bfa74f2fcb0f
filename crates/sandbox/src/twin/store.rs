//! `Twin`: the world behind a lock, settled before every use and, with `--state FILE`, saved
//! after every change so that a crash loses nothing that was acknowledged. The file holds the
//! whole world, written atomically (a temporary file, synced, renamed over the old one, the
//! directory synced) when the twin opens and whenever the journal beside it (`FILE.journal`)
//! has grown past the file's size; each change in between appends one line to the journal with
//! what it touched ([`World::journal_entry`]) and syncs it, so a change costs what it changes.
//! On open the journal's lines are applied in order; a last line cut short by a crash was never
//! acknowledged and is dropped. Each whole write starts a new generation, and a line of an
//! older generation (a crash between writing the file and removing the journal) is skipped.
//! When a line cannot be written, the next save writes the whole world instead, and no stored
//! answer is replayed until that has worked.
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
        TwinSettings {
            pending_delay: Duration::from_secs(4),
            commitment_delay: Duration::from_secs(8),
            state_file: None,
        }
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
    /// The journal, open for appending, and how many bytes it holds.
    journal: Mutex<Option<(std::fs::File, u64)>>,
    /// Set when a line could not be written: the next save writes the whole world.
    whole_next: std::sync::atomic::AtomicBool,
}

/// Clears the "change under way" flag however the change ends (also when its future is dropped).
struct Open<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::SeqCst);
    }
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
            journal: Mutex::new(None),
            whole_next: std::sync::atomic::AtomicBool::new(false),
        }));
        twin.compact(&mut twin.lock())?;
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
            let _ = self.save(&mut world);
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
        self.save(&mut world)?;
        Ok(result)
    }

    /// An API change: runs `f` on the settled world and persists the result; a failure to
    /// persist is 1124, so an answer is only sent for what is saved.
    pub fn change<R>(
        &self,
        f: impl FnOnce(&mut World, Millis) -> Result<R, super::ApiError>,
    ) -> Result<R, super::ApiError> {
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
        // A stored answer is replayed only once what it answers is saved.
        if self.0.whole_next.load(std::sync::atomic::Ordering::SeqCst) {
            self.write_file(&mut self.lock())?;
        }
        if let Some(answer) = self.read(|w, _| before(w)) {
            return Ok(answer);
        }
        self.0.open.store(true, std::sync::atomic::Ordering::SeqCst);
        let _open = Open(&self.0.open);
        let answer = IN_MUTATION.scope((), act).await;
        let mut world = self.lock();
        commit(&mut world, &answer);
        self.write_file(&mut world).map(|()| answer)
    }

    fn save(&self, world: &mut World) -> io::Result<()> {
        // Inside a mutation, or while one is open: its commit saves this too.
        if IN_MUTATION.try_with(|_| ()).is_ok() || self.0.open.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(());
        }
        self.write_file(world)
    }

    /// Appends what changed to the journal and syncs it; writes the whole world instead once
    /// the journal is larger than the state file, or after a line could not be written.
    fn write_file(&self, world: &mut World) -> io::Result<()> {
        use std::sync::atomic::Ordering::SeqCst;
        let Some(path) = &self.0.settings.state_file else {
            world.settle_journal();
            return Ok(());
        };
        if self.0.whole_next.load(SeqCst) {
            return self.compact(world);
        }
        let appended = self.append(path, world);
        match appended {
            Ok(len) if len > std::fs::metadata(path).map(|m| m.len()).unwrap_or(0).max(1 << 20) => self.compact(world),
            Ok(_) => Ok(()),
            Err(e) => {
                // What the line held is no longer marked as changed, and the journal may end
                // in half a line: only a whole write saves it now.
                self.0.whole_next.store(true, SeqCst);
                *self.0.journal.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Err(e)
            }
        }
    }

    /// Appends one synced line with what changed; the journal's length after it.
    fn append(&self, path: &Path, world: &mut World) -> io::Result<u64> {
        let mut line =
            serde_json::to_vec(&world.journal_entry().map_err(io::Error::other)?).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut journal = self.0.journal.lock().unwrap_or_else(|p| p.into_inner());
        if journal.is_none() {
            let at = journal_path(path);
            let new = !at.exists();
            let file = std::fs::OpenOptions::new().create(true).append(true).open(&at)?;
            if new {
                sync_dir(path);
            }
            let len = file.metadata()?.len();
            *journal = Some((file, len));
        }
        let Some((file, len)) = journal.as_mut() else { return Ok(0) };
        file.write_all(&line)?;
        file.sync_data()?;
        *len += line.len() as u64;
        Ok(*len)
    }

    /// Writes the whole world to the state file, as a new generation, and empties the journal.
    fn compact(&self, world: &mut World) -> io::Result<()> {
        world.settle_journal();
        let Some(path) = &self.0.settings.state_file else { return Ok(()) };
        world.generation += 1;
        *self.0.journal.lock().unwrap_or_else(|p| p.into_inner()) = None;
        save_atomically(path, world)?;
        match std::fs::remove_file(journal_path(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => sync_dir(path),
        }
        self.0.whole_next.store(false, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }
}

/// Syncs the directory of `path`, so that a file created or removed there stays so.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// The journal beside the state file `path`.
pub fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// The state file with its journal applied.
fn load(path: &Path) -> io::Result<World> {
    let invalid = |e: serde_json::Error| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display()));
    let text = std::fs::read(path)?;
    let mut world: World = serde_json::from_slice(&text).map_err(invalid)?;
    let journal = match std::fs::read(journal_path(path)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let lines: Vec<&[u8]> = journal.split(|b| *b == b'\n').filter(|l| !l.is_empty()).collect();
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_slice::<serde_json::Value>(line) {
            // A line of an earlier generation is in the state file already.
            Ok(entry) if entry["generation"].as_u64() != Some(world.generation) => {}
            Ok(entry) => world.apply_journal_entry(entry).map_err(invalid)?,
            // A last line cut short: its change was never acknowledged.
            Err(_) if i + 1 == lines.len() && !journal.ends_with(b"\n") => break,
            Err(e) => return Err(invalid(e)),
        }
    }
    Ok(world)
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
    sync_dir(path);
    Ok(())
}
