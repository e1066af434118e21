"""The editors' workflow: knowledge-base changes drafted, reviewed by a second person, published, versioned.

- drafts: an editor's proposed text of one KB file, with compare-and-set on every change of state;
- versions: four-eyes approval and publishing, verification records, history and restore;
- published: the latest published text of each file, and the KB as it would be with given files;
- roundtrip: YAML rewritten to hold new data while keeping comments and formatting;
- preview: which scenarios and example people a change would affect.
"""
