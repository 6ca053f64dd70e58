//! Putting an edit together with another program's save of the same file: both changes are
//! kept when they are in different tables, and the edit is refused when the other program
//! changed a table it changes (or one next to it), so nothing of the other save is lost.

use similar::{DiffOp, TextDiff};

/// A change of lines `from..to` of the common text into `lines`.
#[derive(Debug)]
struct Hunk<'a> {
    from: usize,
    to: usize,
    lines: &'a [&'a str],
}

fn hunks<'a>(base: &[&str], other: &'a [&'a str]) -> Vec<Hunk<'a>> {
    TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_slices(base, other)
        .ops()
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| {
            let (old, new) = (op.old_range(), op.new_range());
            Hunk {
                from: old.start,
                to: old.end,
                lines: &other[new],
            }
        })
        .collect()
}

/// The lines, each with its end of line.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The first line of each table's block: a header line outside a multi-line string (the blank
/// lines and comments before a header belong to the table above, here, so that an edit at the
/// end of one table and a change to the next one's first line are told apart).
fn headers(lines: &[&str]) -> Vec<usize> {
    let mut inside: Option<&str> = None;
    let mut found = vec![0];
    for (n, line) in lines.iter().enumerate() {
        if inside.is_none() && line.trim_start().starts_with('[') {
            found.push(n);
        }
        for quote in ["\"\"\"", "'''"] {
            let count = line.matches(quote).count();
            if count % 2 == 1 {
                inside = match inside {
                    None => Some(quote),
                    Some(q) if q == quote => None,
                    open => open,
                };
            }
        }
    }
    found
}

/// The lines of the tables a hunk touches: from the header of the table it starts in (or the
/// one before, for lines inserted at a table's start) to the next header after it.
fn tables(hunk: &Hunk<'_>, headers: &[usize], len: usize) -> (usize, usize) {
    let start = hunk.from.saturating_sub(1);
    let lo = headers.iter().rev().find(|h| **h <= start).copied().unwrap_or(0);
    // Lines inserted before a header are the table above's: its extent ends at that header.
    let hi = headers.iter().find(|h| **h >= hunk.to).copied().unwrap_or(len);
    (lo, hi)
}

/// `ours` and `theirs`, both made from `base`, as one text; `Err` with the 1-based lines of
/// `theirs` that changed a table `ours` changes, when they cannot both be kept.
pub fn three_way(base: &str, ours: &str, theirs: &str) -> Result<String, Vec<usize>> {
    let base_lines = lines(base);
    let our_lines = lines(ours);
    let their_lines = lines(theirs);
    let mine = hunks(&base_lines, &our_lines);
    let other = hunks(&base_lines, &their_lines);
    let headers = headers(&base_lines);
    let regions: Vec<(usize, usize)> = mine.iter().map(|h| tables(h, &headers, base_lines.len())).collect();
    let clashes: Vec<usize> = other
        .iter()
        .filter(|h| {
            regions
                .iter()
                .any(|(lo, hi)| h.from <= *hi && h.to.max(h.from + 1) > *lo)
        })
        .map(|h| line_in_theirs(&other, h) + 1)
        .collect();
    if !clashes.is_empty() {
        return Err(clashes);
    }
    let mut all: Vec<&Hunk<'_>> = mine.iter().chain(&other).collect();
    all.sort_by_key(|h| (h.from, h.to));
    let mut out = String::with_capacity(theirs.len() + ours.len() - base.len().min(ours.len()));
    let mut at = 0;
    for h in all {
        out.extend(base_lines[at..h.from].iter().copied());
        out.extend(h.lines.iter().copied());
        at = h.to;
    }
    out.extend(base_lines[at..].iter().copied());
    Ok(out)
}

/// Where `hunk` starts in the text the hunks lead to.
fn line_in_theirs(hunks: &[Hunk<'_>], hunk: &Hunk<'_>) -> usize {
    let shift: isize = hunks
        .iter()
        .take_while(|h| h.from < hunk.from)
        .map(|h| h.lines.len() as isize - (h.to - h.from) as isize)
        .sum();
    (hunk.from as isize + shift).max(0) as usize
}

/// A unified diff from `before` to `after`, the files named `name`.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ntitle = \"A\"\n\n[[events]]\nid = \"b\"\ntitle = \"B\"\n";

    #[test]
    fn changes_in_different_tables_are_both_kept() {
        let ours = BASE.replace("title = \"A\"", "title = \"A2\"");
        let theirs = BASE.replace("title = \"B\"", "title = \"B2\"");
        let merged = three_way(BASE, &ours, &theirs).unwrap();
        assert_eq!(merged, BASE.replace("\"A\"", "\"A2\"").replace("\"B\"", "\"B2\""));
    }

    #[test]
    fn a_change_to_a_table_the_edit_changes_is_refused_with_its_line() {
        let ours = BASE.replace("title = \"A\"", "title = \"A2\"");
        let theirs = BASE.replace("id = \"a\"", "id = \"a1\"");
        assert_eq!(three_way(BASE, &ours, &theirs), Err(vec![5]));
    }

    #[test]
    fn lines_added_at_the_end_of_a_table_leave_the_next_table_to_the_other_program() {
        let ours = BASE.replace("title = \"A\"\n", "title = \"A\"\nsummary = \"s\"\n");
        let theirs = BASE.replace("title = \"B\"", "title = \"B2\"");
        let merged = three_way(BASE, &ours, &theirs).unwrap();
        assert_eq!(merged, ours.replace("\"B\"", "\"B2\""));
        let theirs = BASE.replace("[[events]]\nid = \"b\"", "[[events]] # b\nid = \"b\"");
        assert!(three_way(BASE, &ours, &theirs).is_err());
    }

    #[test]
    fn an_unchanged_other_side_gives_ours() {
        let ours = BASE.replace("title = \"A\"", "title = \"A2\"\nsummary = \"s\"");
        assert_eq!(three_way(BASE, &ours, BASE).unwrap(), ours);
    }

    #[test]
    fn a_header_inside_a_multi_line_string_is_not_a_table() {
        let text = ["a = \"\"\"\n", "[not a table]\n", "\"\"\"\n", "[t]\n"];
        assert_eq!(headers(&text), vec![0, 3]);
    }
}
