//! JSON, CSV and XLSX exports of parsed bulletins. (Being written.)
