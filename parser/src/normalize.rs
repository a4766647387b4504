//! Input clean-up before structure: BOM, line endings, odd spaces. (Being written.)
