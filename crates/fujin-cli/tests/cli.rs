//! The `fujin` binary: exit codes, output formats and error messages.

// Native only: its dev-dependencies are not built for wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use assert_cmd::Command;
use fujin_core::feed::load_feed;
use fujin_core::geo::{LonLat, distance_m};
use predicates::prelude::*;

const EVERY_PROBLEM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/every-problem.json");
const EVERY_PROBLEM_GEOJSON: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/every-problem.geojson");

fn fujin() -> Command {
    Command::cargo_bin("fujin").unwrap()
}

fn generate(dir: &tempfile::TempDir, merchants: usize, max_deals: usize) -> std::path::PathBuf {
    let path = dir.path().join(format!("feed-{merchants}.json"));
    let out = fujin()
        .args([
            "generate",
            "--seed",
            "7",
            "--merchants",
            &merchants.to_string(),
            "--max-deals",
            &max_deals.to_string(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&path, out.stdout).unwrap();
    path
}

/// No panic message or backtrace ever reaches the user.
fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not().and(predicate::str::contains("RUST_BACKTRACE").not())
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let out = fujin()
        .args(["check", EVERY_PROBLEM])
        .assert()
        .code(1)
        .stderr(no_panic())
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 36);
    assert_eq!(lines[2], "/merchants/0/deals/1/price: price 0 must be positive");
    assert_eq!(*lines.last().unwrap(), "3 merchants, 2 deals accepted; 33 rejected");
    fujin()
        .args(["check", EVERY_PROBLEM_GEOJSON])
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with("2 merchants, 1 deals accepted; 5 rejected\n"));
}

#[test]
fn check_passes_a_good_feed_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let feed = std::fs::read(generate(&dir, 200, 3)).unwrap();
    fujin()
        .args(["check", "-"])
        .write_stdin(feed)
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"^200 merchants, \d+ deals accepted; 0 rejected\n$").unwrap());
}

#[test]
fn not_a_feed_exits_2_with_one_line_on_stderr() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "the feed is empty"),
        (b"{\"merchants\": [", "ends too early"),
        (b"\x00\x01binary", "not valid JSON"),
        (b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]", "levels deep"),
    ];
    for (input, message) in cases {
        fujin().args(["check", "-"]).write_stdin(input).assert().code(2).stdout("").stderr(
            predicate::str::starts_with("fujin: -: ").and(predicate::str::contains(message)).and(no_panic()),
        );
    }
    fujin()
        .args(["check", "/no/such/feed.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("fujin: cannot read /no/such/feed.json").and(no_panic()));
}

#[test]
fn bad_arguments_exit_2() {
    fujin().args(["nearby", EVERY_PROBLEM, "--lat", "91", "--lon", "0"]).assert().code(2).stderr(no_panic());
    fujin().args(["nearby", EVERY_PROBLEM, "--lat", "0", "--lon", "0", "--radius", "-5"]).assert().code(2);
    fujin().args(["nearby", EVERY_PROBLEM, "--lat", "abc", "--lon", "0"]).assert().code(2);
    fujin().args(["convert", EVERY_PROBLEM, "--from", "mars", "--to", "wgs84"]).assert().code(2);
    fujin().arg("frobnicate").assert().code(2);
}

/// The acceptance test of the foundation: 100,000 generated merchants, and
/// `nearby` answers exactly as a brute-force scan over the same feed.
#[test]
fn nearby_on_100k_merchants_matches_brute_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = generate(&dir, 100_000, 1);
    let feed = load_feed(&std::fs::read(&path).unwrap()).unwrap().feed;
    assert_eq!(feed.merchants.len(), 100_000);
    let brute = |from: LonLat| {
        let mut all: Vec<(f64, usize)> =
            feed.merchants.iter().enumerate().map(|(i, m)| (distance_m(from, m.position), i)).collect();
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        all
    };
    let lines = |args: &[&str]| -> Vec<(String, f64)> {
        let out = fujin().arg("nearby").arg(&path).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let (id, d) = l.split_once('\t').unwrap();
                (id.to_owned(), d.parse().unwrap())
            })
            .collect()
    };
    // Each run loads 60 MB of feed, so two points: a busy district and open country.
    for (lat, lon) in [(22.5380, 114.0553), (22.70, 114.25)] {
        let want = brute(LonLat::new(lon, lat));
        let got_k = lines(&["--lat", &lat.to_string(), "--lon", &lon.to_string(), "--k", "100"]);
        for (got, want) in got_k.iter().zip(&want) {
            assert_eq!(got.0, feed.merchants[want.1].id);
            assert!((got.1 - want.0).abs() <= 0.05 + 1e-9, "distance printed to 0.1 m");
        }
        let got_r = lines(&["--lat", &lat.to_string(), "--lon", &lon.to_string(), "--radius", "1500"]);
        let want_r: Vec<&str> = want
            .iter()
            .take_while(|(d, _)| *d <= 1500.0)
            .map(|(_, i)| feed.merchants[*i].id.as_str())
            .collect();
        assert_eq!(got_r.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), want_r);
    }
}

#[test]
fn nearby_lists_ten_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = generate(&dir, 200, 0);
    fujin()
        .arg("nearby")
        .arg(&path)
        .args(["--lat", "22.54", "--lon", "114.05"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"^(m\d{6}\t\d+\.\d\n){10}$").unwrap());
}

#[test]
fn nearby_with_radius_and_k_takes_the_nearest_k_within() {
    fujin()
        .args([
            "nearby",
            EVERY_PROBLEM,
            "--lat",
            "22.5401",
            "--lon",
            "114.0540",
            "--radius",
            "20000",
            "--k",
            "1",
        ])
        .assert()
        .code(0)
        .stdout("good-1\t0.0\n")
        .stderr(predicate::str::contains("33 records rejected"));
    // Across the antimeridian and the pole: good-3 sits at (180, -90).
    fujin()
        .args(["nearby", EVERY_PROBLEM, "--lat", "-89.9", "--lon", "-179.5", "--k", "1"])
        .assert()
        .stdout(predicate::str::starts_with("good-3\t"));
}

#[test]
fn convert_round_trips_and_keeps_everything_else() {
    let gcj = fujin().args(["convert", EVERY_PROBLEM, "--from", "wgs84", "--to", "gcj02"]).output().unwrap();
    assert!(gcj.status.success());
    let stderr = String::from_utf8(gcj.stderr.clone()).unwrap();
    assert!(stderr.contains("left unconverted: /merchants/3"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&gcj.stdout).unwrap();
    assert_eq!(doc["crs"], "gcj02");
    assert_eq!(doc["merchants"][0]["deals"][0]["title"], "双人套餐", "other fields untouched");
    assert_eq!(doc["merchants"][3]["lat"], "22.54", "an invalid position is left as it was");
    let back = fujin()
        .args(["convert", "-", "--from", "gcj02", "--to", "wgs84"])
        .write_stdin(gcj.stdout)
        .output()
        .unwrap();
    let before = load_feed(&std::fs::read(EVERY_PROBLEM).unwrap()).unwrap().feed;
    let after = load_feed(&back.stdout).unwrap().feed;
    for (a, b) in before.merchants.iter().zip(&after.merchants) {
        assert!(distance_m(a.position, b.position) < 0.05);
    }
    // Converting from the wrong datum would shift everything twice: refused.
    fujin()
        .args(["convert", EVERY_PROBLEM_GEOJSON, "--from", "wgs84", "--to", "bd09"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("says its crs is gcj02"));
}

#[test]
fn convert_geojson_keeps_properties() {
    let out = fujin()
        .args(["convert", EVERY_PROBLEM_GEOJSON, "--from", "gcj02", "--to", "wgs84"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("crs").is_none(), "RFC 7946 GeoJSON is WGS-84 without a crs member");
    assert_eq!(doc["features"][0]["properties"]["name"], "海风咖啡(福田CBD店)");
    let lon = doc["features"][0]["geometry"]["coordinates"][0].as_f64().unwrap();
    assert!((lon - 114.0553).abs() < 1e-6);
    // Every position of a line is converted too.
    let line_lon = doc["features"][2]["geometry"]["coordinates"][0][0].as_f64().unwrap();
    assert!((line_lon - 113.9).abs() > 1e-3);
}

#[test]
fn generate_is_deterministic() {
    let run = |seed: &str| {
        fujin().args(["generate", "--seed", seed, "--merchants", "300"]).output().unwrap().stdout
    };
    assert_eq!(run("5"), run("5"));
    assert_ne!(run("5"), run("6"));
}

#[test]
fn the_documented_example_feed_is_valid() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/feed.json");
    fujin().args(["check", example]).assert().code(0).stdout("1 merchants, 1 deals accepted; 0 rejected\n");
}

/// The demo feed the app ships is exactly what the generator makes, so that
/// anyone can regenerate it: `fujin generate --seed 1 --merchants 2000`.
#[test]
fn the_shipped_demo_feed_is_reproducible() {
    let shipped = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/demo-feed.json")).unwrap();
    let generated = fujin().args(["generate", "--seed", "1", "--merchants", "2000"]).output().unwrap().stdout;
    assert!(
        shipped == generated,
        "static/demo-feed.json differs from `fujin generate --seed 1 --merchants 2000`"
    );
}

/// Numbers a user may type, however large or negative, end in a clear
/// message or in an answer sized by the data, never in an abort.
#[test]
fn large_and_negative_numbers_get_a_clear_answer() {
    let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/demo-feed.json");
    for k in ["1000000000000", "4611686018427387904", "18446744073709551615"] {
        let out = fujin()
            .args(["nearby", feed, "--lat", "22.5", "--lon", "114", "--k", k])
            .assert()
            .success()
            .stderr(no_panic())
            .get_output()
            .stdout
            .clone();
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2_000, "every merchant, once");
    }
    let cases: [(&[&str], &str); 6] = [
        (&["nearby", feed, "--lat", "22.5", "--lon", "114", "--k", "-1"], "-1 is negative"),
        (
            &["nearby", feed, "--lat", "-22.5", "--lon", "114", "--radius", "-1"],
            "--radius -1 must be a distance",
        ),
        (&["nearby", feed, "--lat", "-95", "--lon", "-114"], "--lat -95 --lon -114 is not a position"),
        (&["generate", "--merchants", "1000000000000000"], "more than a feed may hold (1000000)"),
        (&["generate", "--max-deals", "400"], "400 deals per merchant is more than a feed allows (200)"),
        (&["generate", "--merchants", "-5"], "-5 is negative"),
    ];
    for (args, message) in cases {
        fujin()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message).and(no_panic()));
    }
}

/// `generate` stops with a message, writing nothing, before it writes a
/// feed over the size limit.
#[test]
fn generate_refuses_a_feed_over_the_size_limit() {
    fujin()
        .args(["generate", "--merchants", "1000000", "--max-deals", "200"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("larger than a feed may be").and(no_panic()));
}

/// Endless inputs are read up to the feed size limit, then refused.
#[test]
fn endless_input_is_cut_at_the_size_limit() {
    fujin()
        .args(["check", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than a feed may be").and(no_panic()));

    // Standard input that never ends (a pipe, as from a named pipe).
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("fujin"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let block = vec![b' '; 1 << 16];
        while stdin.write_all(&block).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than a feed may be"));
}

/// `fujin pack` writes what loads back equal to the JSON; `check` and
/// `nearby` read the pack like the JSON; rejected records are left out with
/// exit 1; a damaged pack is one line on stderr and exit 2.
#[test]
fn pack_round_trips_through_check_and_nearby() {
    let dir = tempfile::tempdir().unwrap();
    let json = generate(&dir, 300, 3);
    let packed = dir.path().join("city.fjpk");
    fujin()
        .args(["pack", json.to_str().unwrap(), "--output", packed.to_str().unwrap()])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("packed 300 merchants"));
    let bytes = std::fs::read(&packed).unwrap();
    let from_json = load_feed(&std::fs::read(&json).unwrap()).unwrap().feed;
    assert_eq!(fujin_core::pack::read_pack(&bytes).unwrap().feed, from_json);
    // Standard output works too, and gives the same bytes.
    let stdout = fujin().args(["pack", json.to_str().unwrap()]).output().unwrap();
    assert_eq!(stdout.stdout, bytes);

    let check = |path: &std::path::Path| fujin().args(["check", path.to_str().unwrap()]).output().unwrap();
    assert_eq!(check(&packed).stdout, check(&json).stdout);
    let nearby = |path: &std::path::Path| {
        fujin()
            .args(["nearby", path.to_str().unwrap(), "--lat", "22.54", "--lon", "114.05"])
            .output()
            .unwrap()
    };
    assert_eq!(nearby(&packed).stdout, nearby(&json).stdout);

    let mut damaged = bytes.clone();
    damaged.truncate(bytes.len() - 10);
    let bad = dir.path().join("damaged.fjpk");
    std::fs::write(&bad, damaged).unwrap();
    fujin()
        .args(["check", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the packed feed is corrupted").and(no_panic()));
}

#[test]
fn pack_leaves_rejected_records_out_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let packed = dir.path().join("every-problem.fjpk");
    fujin()
        .args(["pack", EVERY_PROBLEM, "-o", packed.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("rejected records left out"));
    let valid = load_feed(&std::fs::read(EVERY_PROBLEM).unwrap()).unwrap().feed;
    assert_eq!(fujin_core::pack::read_pack(&std::fs::read(&packed).unwrap()).unwrap().feed, valid);
}
