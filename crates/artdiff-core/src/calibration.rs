//! What refitting the statement model and checking its quality need from inside the engine
//! (`tests/calibrate.rs`, `tests/news_quality.rs`, `tests/engine.rs`): the whole-sentence and
//! statement models' features and weights, the candidate pairs with their evidence, and an
//! analysis under another model. Not part of the stable API: it follows the model.

pub use crate::align::features::{pair, probability, Features, FEATURE_NAMES, WEIGHTS};
pub use crate::align::statement::{
    apply_context, context_features, sigmoid, Model, PairEvidence, Scored, CONTEXT_FEATURES,
    CONTEXT_FEATURE_NAMES, CONTEXT_ROUNDS, CONTEXT_WEIGHTS, PAIR_FEATURES, PAIR_FEATURE_NAMES,
    PAIR_WEIGHTS,
};
pub use crate::align::tokens::{Token, Tokenizer};
pub use crate::align::{candidates_of, compare_with_model, statement_probabilities, Candidate};
