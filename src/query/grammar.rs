//! The shape of a query: words, parentheses and the operators `OR`, `AND`, `NOT` and `-`, read
//! into an [`Expr`] tree. NOT (and `-`) binds tightest, then AND (also two terms side by side),
//! then OR: `a b OR c` is `(a AND b) OR c`, `-a OR b` is `(NOT a) OR b`.

use std::ops::Range;

use super::{Expr, QueryError, Term};

/// How deep parentheses and NOTs may nest: deep enough for any query a person writes, shallow
/// enough that a pasted wall of `(((` cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// One word: an optional `-`, an optional `field:`, and a value (quotes removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub negated: bool,
    pub field: Option<&'a str>,
    pub value: &'a str,
    /// The whole token, `-` included.
    pub span: Range<usize>,
    /// True when the value was in quotes.
    pub quoted: bool,
    /// True when an opening quote was never closed.
    pub unterminated: bool,
}

/// What the query text is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme<'a> {
    Word(Token<'a>),
    Open(Range<usize>),
    Close(Range<usize>),
    Or(Range<usize>),
    And(Range<usize>),
    /// `NOT`, or a `-` written right before `(`.
    Not(Range<usize>),
}

impl Lexeme<'_> {
    fn span(&self) -> Range<usize> {
        match self {
            Lexeme::Word(t) => t.span.clone(),
            Lexeme::Open(s) | Lexeme::Close(s) | Lexeme::Or(s) | Lexeme::And(s) | Lexeme::Not(s) => s.clone(),
        }
    }
}

/// The words of the query, without its operators and parentheses (for completion).
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    lex(text)
        .into_iter()
        .filter_map(|l| match l {
            Lexeme::Word(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Splits query text at spaces and parentheses outside quotes. `OR`, `AND` and `NOT` in any case
/// are operators: as search words they would match inside "for", "stand", "nothing", so a
/// researcher who types them means the operator; `"or"` in quotes searches the word.
fn lex(text: &str) -> Vec<Lexeme<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ends_word = |b: u8| b.is_ascii_whitespace() || b == b'(' || b == b')';
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'(' => {
                out.push(Lexeme::Open(i..i + 1));
                i += 1;
                continue;
            }
            b')' => {
                out.push(Lexeme::Close(i..i + 1));
                i += 1;
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'(') => {
                out.push(Lexeme::Not(i..i + 1));
                i += 1;
                continue;
            }
            _ => {}
        }
        let negated = bytes[i] == b'-' && bytes.get(i + 1).is_some_and(|&b| !b.is_ascii_whitespace());
        if negated {
            i += 1;
        }
        // A field name is letters and hyphens followed by a colon; anything else is text ("10:30").
        let name_end = (i..bytes.len())
            .find(|&j| !(bytes[j].is_ascii_alphabetic() || bytes[j] == b'-'))
            .unwrap_or(bytes.len());
        let field = (name_end > i && bytes.get(name_end) == Some(&b':')).then(|| &text[i..name_end]);
        if field.is_some() {
            i = name_end + 1;
        }
        let (value, quoted, unterminated);
        if bytes.get(i) == Some(&b'"') {
            let close = text[i + 1..].find('"').map(|k| i + 1 + k);
            value = &text[i + 1..close.unwrap_or(bytes.len())];
            quoted = true;
            unterminated = close.is_none();
            i = close.map_or(bytes.len(), |c| c + 1);
        } else {
            let end = (i..bytes.len()).find(|&j| ends_word(bytes[j])).unwrap_or(bytes.len());
            value = &text[i..end];
            quoted = false;
            unterminated = false;
            i = end;
        }
        let span = start..i;
        let operator = (!negated && !quoted && field.is_none()).then(|| value.to_ascii_uppercase());
        out.push(match operator.as_deref() {
            Some("OR") => Lexeme::Or(span),
            Some("AND") => Lexeme::And(span),
            Some("NOT") => Lexeme::Not(span),
            _ => Lexeme::Word(Token {
                negated,
                field,
                value,
                span,
                quoted,
                unterminated,
            }),
        });
    }
    out
}

/// Parses query text into an expression; `term` reads one word. Blank text is `Expr::All([])`.
pub(super) fn parse(
    text: &str,
    term: impl Fn(&Token<'_>) -> Result<Term, QueryError>,
) -> Result<(Expr, Vec<Range<usize>>), QueryError> {
    let mut parser = Parser {
        lexemes: lex(text),
        at: 0,
        end: text.len(),
        term: &term,
    };
    let (expr, conjuncts) = parser.or(0)?;
    if let Some(extra) = parser.peek() {
        return Err(QueryError {
            span: extra.span(),
            message: "this `)` closes no `(`".into(),
            hint: "remove it, or add the `(` it closes".into(),
        });
    }
    Ok((expr, conjuncts))
}

struct Parser<'a, 't> {
    lexemes: Vec<Lexeme<'a>>,
    at: usize,
    end: usize,
    term: &'t dyn Fn(&Token<'_>) -> Result<Term, QueryError>,
}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<&Lexeme<'a>> {
        self.lexemes.get(self.at)
    }

    /// The span to blame when something is missing after `after`.
    fn missing(&self, after: &Range<usize>) -> Range<usize> {
        self.peek().map_or(after.clone(), Lexeme::span)
    }

    /// `and (OR and)*`; also returns the spans of the top-level ANDed parts when there is no OR,
    /// for the header's chips.
    fn or(&mut self, depth: usize) -> Result<(Expr, Vec<Range<usize>>), QueryError> {
        let start = self.peek().map(|l| l.span().start);
        let (first, conjuncts) = self.and(depth, None)?;
        let mut any = vec![first];
        while let Some(Lexeme::Or(span)) = self.peek() {
            let span = span.clone();
            self.at += 1;
            let (next, _) = self.and(depth, Some(&span))?;
            any.push(next);
        }
        if any.len() == 1 {
            return Ok((any.pop().expect("one part"), conjuncts));
        }
        // An OR at the top is one part: it holds or not as a whole.
        let end = self.lexemes[self.at - 1].span().end;
        Ok((Expr::Any(any), start.map(|s| s..end).into_iter().collect()))
    }

    /// `unary (AND? unary)*`, up to an OR, a `)` or the end. `after_or` is the OR before it, which
    /// needs a term on its right.
    fn and(&mut self, depth: usize, after_or: Option<&Range<usize>>) -> Result<(Expr, Vec<Range<usize>>), QueryError> {
        let mut all = Vec::new();
        let mut spans = Vec::new();
        loop {
            match self.peek() {
                None | Some(Lexeme::Close(_)) => break,
                Some(Lexeme::Or(span)) => {
                    if all.is_empty() {
                        let span = span.clone();
                        return Err(operand(span, after_or.is_some()));
                    }
                    break;
                }
                Some(Lexeme::And(span)) => {
                    let span = span.clone();
                    if all.is_empty() {
                        return Err(QueryError {
                            span,
                            message: "AND needs a term on each side".into(),
                            hint: "write a term before AND (or leave AND out: terms side by side must all hold)".into(),
                        });
                    }
                    self.at += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Lexeme::Close(_) | Lexeme::Or(_) | Lexeme::And(_))
                    ) {
                        return Err(QueryError {
                            span: self.missing(&span),
                            message: "AND needs a term on each side".into(),
                            hint: "write a term after AND".into(),
                        });
                    }
                }
                Some(_) => {
                    let start = self.peek().map(Lexeme::span).expect("peeked").start;
                    let expr = self.unary(depth)?;
                    let end = self.lexemes[self.at - 1].span().end;
                    spans.push(start..end);
                    all.push(expr);
                }
            }
        }
        if all.is_empty()
            && let Some(or) = after_or
        {
            return Err(operand(self.missing(or), true));
        }
        if all.len() == 1 {
            return Ok((all.pop().expect("one part"), spans));
        }
        Ok((Expr::All(all), spans))
    }

    /// `NOT unary`, `( or )` or a word.
    fn unary(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let Some(lexeme) = self.peek().cloned() else {
            unreachable!("called only before a lexeme");
        };
        let span = lexeme.span();
        if depth >= MAX_DEPTH {
            return Err(QueryError {
                span,
                message: format!("more than {MAX_DEPTH} parentheses or NOTs inside each other"),
                hint: "write the query with fewer levels".into(),
            });
        }
        self.at += 1;
        match lexeme {
            Lexeme::Word(token) => Ok(Expr::Term((self.term)(&token)?)),
            Lexeme::Not(_) => {
                if matches!(
                    self.peek(),
                    None | Some(Lexeme::Close(_) | Lexeme::Or(_) | Lexeme::And(_))
                ) {
                    return Err(QueryError {
                        span: self.missing(&span),
                        message: "NOT needs a term after it".into(),
                        hint: "write what to leave out after NOT, e.g. NOT status:denied".into(),
                    });
                }
                Ok(Expr::Not(Box::new(self.unary(depth + 1)?)))
            }
            Lexeme::Open(_) => {
                let (inner, _) = self.or(depth + 1)?;
                match self.peek() {
                    Some(Lexeme::Close(_)) => {
                        self.at += 1;
                        if inner == Expr::All(Vec::new()) {
                            return Err(QueryError {
                                span: span.start..self.lexemes[self.at - 1].span().end,
                                message: "empty parentheses".into(),
                                hint: "write terms inside them, or remove them".into(),
                            });
                        }
                        Ok(inner)
                    }
                    _ => Err(QueryError {
                        span: span.start..self.end,
                        message: "this `(` is never closed".into(),
                        hint: "add a `)` where the group ends".into(),
                    }),
                }
            }
            Lexeme::Close(_) | Lexeme::Or(_) | Lexeme::And(_) => unreachable!("`and` stops before these"),
        }
    }
}

/// The error for an OR without a term on one side.
fn operand(span: Range<usize>, right: bool) -> QueryError {
    QueryError {
        span,
        message: "OR needs a term on each side".into(),
        hint: if right {
            "write a term after OR, e.g. tag:S-300 OR tag:S-400".into()
        } else {
            "write a term before OR, e.g. tag:S-300 OR tag:S-400".into()
        },
    }
}
