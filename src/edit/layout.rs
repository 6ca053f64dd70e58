//! Where the tables of a document are written. toml_edit writes a document's tables in the order
//! of their positions, whatever the tree says; a table tlx inserts is given a position between
//! its neighbours, and a removed one remembers its place (its rank) so that putting it back
//! writes the file as it was.

use toml_edit::{DocumentMut, Item, Table};

/// One step of a path from the root to a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// The table (or array of tables) under this key.
    Key(String),
    /// This element of the array of tables reached by the step before.
    Index(usize),
}

/// A table's path from the root.
pub(crate) type Path = Vec<Seg>;

/// Every table with a header, in the order toml_edit writes them (its own rule: positions
/// sorted stably, a table without one taking the position of the one visited before it).
pub(crate) fn order(doc: &DocumentMut) -> Vec<Path> {
    let mut found = Vec::new();
    let mut last = 0;
    visit(doc.as_table(), &mut Vec::new(), &mut |table, path| {
        if let Some(p) = table.position() {
            last = p;
        }
        if !path.is_empty() && writes_header(table) {
            found.push((last, path.to_vec()));
        }
    });
    found.sort_by_key(|(position, _)| *position);
    found.into_iter().map(|(_, path)| path).collect()
}

/// The tables of the subtree at `root`, in the order toml_edit visits them (tree order), with
/// paths relative to `root`'s parent array.
pub(crate) fn subtree(table: &Table) -> Vec<Path> {
    let mut found = Vec::new();
    visit(table, &mut Vec::new(), &mut |t, path| {
        if writes_header(t) {
            found.push(path.to_vec());
        }
    });
    found
}

/// False for a table only its children imply (`actors` of `[actors.k]`): nothing of it is
/// written, so it has no place among the others (and its position, inherited from whichever
/// table toml_edit visits before it, would shift the ranks of the ones written).
fn writes_header(table: &Table) -> bool {
    !table.is_implicit() || table.iter().any(|(_, item)| item.is_value())
}

fn visit<'t>(table: &'t Table, path: &mut Path, found: &mut dyn FnMut(&'t Table, &Path)) {
    if !table.is_dotted() {
        found(table, path);
    }
    for (key, item) in table.iter() {
        match item {
            Item::Table(t) => {
                path.push(Seg::Key(key.to_string()));
                visit(t, path, found);
                path.pop();
            }
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    path.push(Seg::Key(key.to_string()));
                    path.push(Seg::Index(i));
                    visit(t, path, found);
                    path.pop();
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// The table at `path`, if there is one.
pub(crate) fn table_mut<'d>(doc: &'d mut DocumentMut, path: &[Seg]) -> Option<&'d mut Table> {
    let mut table = doc.as_table_mut();
    let mut segs = path.iter().peekable();
    while let Some(seg) = segs.next() {
        let Seg::Key(key) = seg else { return None };
        table = match (table.get_mut(key)?, segs.peek()) {
            (Item::Table(t), _) => t,
            (Item::ArrayOfTables(a), Some(Seg::Index(i))) => {
                let i = *i;
                segs.next();
                a.get_mut(i)?
            }
            _ => return None,
        };
    }
    Some(table)
}

/// Gives every table in `order` the position of its place in it, so toml_edit writes them so.
pub(crate) fn renumber(doc: &mut DocumentMut, order: &[Path]) {
    for (n, path) in order.iter().enumerate() {
        if let Some(table) = table_mut(doc, path) {
            table.set_position(Some(n as isize + 1));
        }
    }
}

/// `path` with the index under `array` shifted by `by` when it is at or past `from`: the paths
/// of the tables after an element inserted into (or removed from) that array.
pub(crate) fn shifted(path: &[Seg], array: &[Seg], from: usize, by: isize) -> Path {
    let mut path = path.to_vec();
    if path.len() > array.len()
        && path[..array.len()] == *array
        && let Seg::Index(i) = &mut path[array.len()]
        && *i >= from
    {
        *i = i.checked_add_signed(by).unwrap_or(0);
    }
    path
}

/// True when `path` is `root` or inside it.
pub(crate) fn within(path: &[Seg], root: &[Seg]) -> bool {
    path.len() >= root.len() && path[..root.len()] == *root
}
