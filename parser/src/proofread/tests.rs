// tests
use super::*;

