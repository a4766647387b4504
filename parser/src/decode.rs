//! Which text encoding a file's bytes are in. (Being written.)
