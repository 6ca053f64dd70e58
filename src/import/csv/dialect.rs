//! Which character separates the cells of a delimited file: `,` `;` tab or `|`, read from its
//! first lines (European spreadsheets write `;`), from a `.tsv` extension, or as the user forces it.

/// The separators tlx recognises, the most usual first (it wins a tie).
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Lines looked at: enough to see a pattern, few enough that sniffing costs nothing.
const SAMPLE_LINES: usize = 20;

/// The separator of `text`: the candidate found the same number of times (outside quotes) on
/// most of the first lines, ties going to the more usual one; `,` when none is found.
pub fn sniff(text: &str) -> u8 {
    let counts = sample_counts(text);
    let mut best = (b',', 0usize, 0usize);
    for (i, &candidate) in CANDIDATES.iter().enumerate() {
        let per_line: Vec<usize> = counts.iter().map(|c| c[i]).collect();
        let Some(&first) = per_line.first().filter(|n| **n > 0) else {
            continue;
        };
        // How many lines agree with the header's count: a separator splits every row alike,
        // while a stray `;` or `|` in a cell does not.
        let agreeing = per_line.iter().filter(|&&n| n == first).count();
        if (agreeing, first) > (best.1, best.2) {
            best = (candidate, agreeing, first);
        }
    }
    best.0
}

/// Per line of the sample, how often each candidate occurs outside quotes.
fn sample_counts(text: &str) -> Vec<[usize; CANDIDATES.len()]> {
    let mut lines = Vec::new();
    let mut counts = [0; CANDIDATES.len()];
    let mut quoted = false;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                lines.push(std::mem::take(&mut counts));
                if lines.len() == SAMPLE_LINES {
                    return lines;
                }
            }
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    if counts != [0; CANDIDATES.len()] {
        lines.push(counts);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_every_row_has_alike() {
        let table = [
            ("date,title\n2015,A\n", b','),
            ("date;title;notes\n2015;\"A, with a comma\";x\n2016;B;y\n", b';'),
            ("date\ttitle\n2015\tA; B\n", b'\t'),
            ("date|title\n2015|A\n", b'|'),
            // A `;` inside cells of a comma file is not the separator.
            ("date,title,tags\n2015,A,x;y;z\n2016,B,w\n", b','),
            // Quoted separators do not count.
            ("\"a;b;c\",d\n1,2\n", b','),
            ("date;title\r\n2015;A\r\n", b';'),
            ("date;title\r2015;A\r", b';'),
            ("justonecolumn\nvalue\n", b','),
            ("", b','),
        ];
        for (text, expected) in table {
            assert_eq!(sniff(text) as char, expected as char, "{text:?}");
        }
    }
}
