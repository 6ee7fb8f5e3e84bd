//! prodguard's modules form a one-way flow: configuration at the bottom,
//! then reading, the checks, the report and the run. This test reads the
//! sources, builds the graph of `crate::` imports between top-level
//! modules, and fails on a cycle or on an import that climbs the floors.

use std::collections::BTreeMap;
use std::path::Path;

/// The floors, bottom first; a module imports only from floors below its
/// own (or its own floor's earlier modules, listed first).
const FLOORS: &[&[&str]] = &[
    &["show", "catalog", "variable", "ascii", "plain_url"],
    &["database", "profiles", "policy"],
    &["snapshot", "platform", "probe"],
    &["finding", "checks"],
    &["explain", "report"],
    &["run"],
    &["env_file", "__private", "lib"],
];

fn rank(module: &str) -> usize {
    FLOORS.iter().flat_map(|floor| floor.iter()).position(|m| *m == module).unwrap_or_else(|| {
        panic!("module `{module}` is on no floor of this test: add it where it belongs")
    })
}

/// The top-level module a source file belongs to.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_only_go_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(file.strip_prefix(&src).unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        // Only the code before the tests: tests may reach anywhere.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        for (at, _) in code.match_indices("crate::") {
            let name: String =
                code[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let prefix = &code[..at];
            // `$crate::` in a macro names the crate's root re-exports.
            if prefix.ends_with('$')
                || name.is_empty()
                || name.chars().next().unwrap().is_uppercase()
            {
                continue;
            }
            if name != module && !["validate", "validate_env"].contains(&name.as_str()) {
                graph.entry(module.clone()).or_default().insert(name);
            }
        }
    }
    let mut climbing = Vec::new();
    for (module, imports) in &graph {
        eprintln!("{module} -> {}", imports.iter().cloned().collect::<Vec<_>>().join(", "));
        for import in imports {
            if rank(import) >= rank(module) {
                climbing.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(climbing.is_empty(), "imports that climb: {climbing:?}");
}
