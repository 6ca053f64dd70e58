//! Fields that few values state, boxed together: a million events hold some millions of sources,
//! and the explorer an evidence per event, and one pointer that is nearly always empty costs
//! less than the fields themselves. A [`Seldom`] reads as the fields it holds (all empty when
//! there is no box), and keeps no box for empty fields, so that two values that state the same
//! things compare equal however they were built.

use std::ops::Deref;

/// A set of seldom-stated fields, with the value that states none of them.
pub trait Fields: Default + PartialEq + 'static {
    /// The fields, none stated.
    fn none() -> &'static Self;

    /// True when none of the fields is stated.
    fn is_empty(&self) -> bool {
        std::ptr::eq(self, Self::none()) || self == Self::none()
    }
}

/// Fields a record seldom states, in a box only when one of them is. Reads as the fields
/// (through `Deref`); changed with [`Seldom::edit`], which keeps the box only while it is needed.
#[derive(Debug, Clone)]
pub struct Seldom<T>(Option<Box<T>>);

impl<T> Default for Seldom<T> {
    fn default() -> Self {
        Seldom(None)
    }
}

impl<T: Fields> PartialEq for Seldom<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Fields + Eq> Eq for Seldom<T> {}

impl<T: Fields> Deref for Seldom<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_deref().unwrap_or(T::none())
    }
}

impl<T: Fields> From<T> for Seldom<T> {
    fn from(fields: T) -> Self {
        Seldom((!fields.is_empty()).then(|| Box::new(fields)))
    }
}

impl<T: Fields> Seldom<T> {
    /// True when none of the fields is stated.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Changes the fields: in their box when there is one, which goes when they are emptied;
    /// a record without one gets one only when the change states a field.
    pub fn edit(&mut self, edit: impl FnOnce(&mut T)) {
        match &mut self.0 {
            Some(fields) => {
                edit(fields);
                if fields.is_empty() {
                    self.0 = None;
                }
            }
            None => {
                let mut fields = T::default();
                edit(&mut fields);
                *self = fields.into();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Pair {
        a: Option<u8>,
        b: Vec<u8>,
    }

    static NONE: Pair = Pair { a: None, b: Vec::new() };

    impl Fields for Pair {
        fn none() -> &'static Pair {
            &NONE
        }
    }

    #[test]
    fn fields_are_boxed_only_while_one_is_stated_and_compare_by_what_they_state() {
        let mut fields = Seldom::<Pair>::default();
        fields.edit(|p| p.b.clear());
        assert!(fields.0.is_none());
        fields.edit(|p| p.a = Some(1));
        assert_eq!(fields.a, Some(1));
        assert!(fields.0.is_some());
        assert_ne!(fields, Seldom::default());
        assert_eq!(fields, Seldom::from(Pair { a: Some(1), b: vec![] }));
        fields.edit(|p| p.a = None);
        assert!(fields.0.is_none());
        assert_eq!(fields, Seldom::default());
        assert!(Seldom::from(Pair::default()).0.is_none());
        assert_eq!(Seldom::from(Pair { a: None, b: vec![2] }).b, [2]);
    }
}
