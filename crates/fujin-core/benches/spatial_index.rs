//! Spatial index benchmarks on generated Shenzhen merchants (seeded, so
//! every run measures the same data). Run with
//! `cargo bench -p fujin-core --bench spatial_index`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fujin_core::demo::{DemoOptions, demo_feed};
use fujin_core::feed::load_value;
use fujin_core::geo::{LonLat, LonLatBox};
use fujin_core::index::SpatialIndex;

fn positions(merchants: usize) -> Vec<LonLat> {
    let doc = demo_feed(&DemoOptions { seed: 42, merchants, max_deals: 0, ..DemoOptions::default() });
    load_value(&doc).expect("generated feeds are valid").feed.positions()
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let pts = positions(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &pts, |b, pts| {
            b.iter(|| SpatialIndex::new(black_box(pts)))
        });
        // A packed feed's index: rebuilt from its shape, nothing sorted.
        let shape = SpatialIndex::new(&pts).shape();
        group.bench_with_input(BenchmarkId::new("from_shape", n), &pts, |b, pts| {
            b.iter(|| SpatialIndex::from_shape(black_box(pts), shape.clone()))
        });
    }
    group.finish();
}

fn queries(c: &mut Criterion) {
    let futian = LonLat::new(114.0553, 22.5380);
    // A phone-sized viewport at zoom 15 around Futian CBD.
    let viewport = LonLatBox::new(114.045, 22.530, 114.066, 22.546);
    let mut group = c.benchmark_group("query");
    for n in [10_000, 100_000] {
        let index = SpatialIndex::new(&positions(n));
        group.bench_with_input(BenchmarkId::new("nearest_10", n), &index, |b, index| {
            b.iter(|| index.nearest(black_box(futian), 10))
        });
        group.bench_with_input(BenchmarkId::new("within_1km", n), &index, |b, index| {
            b.iter(|| index.within_radius(black_box(futian), 1_000.0))
        });
        let mut ids = Vec::new();
        group.bench_with_input(BenchmarkId::new("ids_within_1km", n), &index, |b, index| {
            b.iter(|| {
                ids.clear();
                index.ids_within_radius(black_box(futian), 1_000.0, &mut ids);
                ids.len()
            })
        });
        group.bench_with_input(BenchmarkId::new("in_viewport", n), &index, |b, index| {
            b.iter(|| index.in_box(black_box(&viewport)))
        });
    }
    group.finish();
}

fn feed_loading(c: &mut Criterion) {
    let doc = demo_feed(&DemoOptions { seed: 42, merchants: 10_000, ..DemoOptions::default() });
    let bytes = serde_json::to_vec(&doc).expect("serialisable");
    let mut group = c.benchmark_group("load_feed");
    group.sample_size(10);
    group.bench_function("10000_merchants", |b| b.iter(|| fujin_core::feed::load_feed(black_box(&bytes))));
    group.finish();
}

criterion_group!(benches, build, queries, feed_loading);
criterion_main!(benches);
