//! Helpers shared by several test files (`mod common;` in each). Each file uses some of
//! them, so the ones a file leaves unused are not dead code.
#![allow(dead_code)]

pub mod tmux;
pub mod unreadable;
