//! A zoom level's markers filed by the world's 256-pixel cells at that
//! level, so that a frame looks only at the cells the screen covers: a pan
//! costs O(log n + markers near the screen), not O(markers at the level).
//! (Supercluster keeps a k-d tree per level for the same reason.)

use super::clusters::Marker;

/// The cell side in world pixels at the level (a tile's).
const CELL_PX: f64 = 256.0;

/// Markers in world pixels at one level, filed by cell (row, then column).
#[derive(Debug)]
pub struct MarkerGrid {
    /// Cells per row: the world's width in cells at this level.
    columns: u64,
    /// (cell key: row × columns + column, the marker's place in the
    /// level's own order), ascending.
    cells: Vec<(u64, u32)>,
    /// The markers, in the level's own order.
    markers: Vec<Marker>,
}

impl MarkerGrid {
    /// Files `markers`, which lie in a world `world_px` wide and tall.
    pub fn new(markers: Vec<Marker>, world_px: f64) -> Self {
        let columns = (world_px / CELL_PX).ceil().max(1.0) as u64;
        let cell = |v: f64| ((v / CELL_PX).floor().max(0.0) as u64).min(columns - 1);
        let mut cells: Vec<(u64, u32)> =
            markers.iter().zip(0..).map(|(m, place)| (cell(m.y) * columns + cell(m.x), place)).collect();
        // Pairs of plain integers, each place once: an unstable sort of
        // them is stable by place, and (with the sort in `near`) the map's
        // only sorts, each a copy of its own in the bundle.
        cells.sort_unstable();
        Self { columns, cells, markers }
    }

    /// Every marker in the cells that the world-pixel rectangle from
    /// (`x0`, `y0`) to (`x1`, `y1`) touches, in the level's own order. The
    /// rectangle may run past the world's east or west edge (it wraps, as
    /// the map does at the antimeridian) and may be infinite.
    pub fn near(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> Vec<&Marker> {
        let rows = self.columns as f64;
        let row_range = (((y0 / CELL_PX).floor().max(0.0)).min(rows - 1.0) as u64)
            ..=(((y1 / CELL_PX).floor().max(0.0)).min(rows - 1.0) as u64);
        let (first, last) = ((x0 / CELL_PX).floor(), (x1 / CELL_PX).floor());
        // Column spans in 0..columns: one, or two when the rectangle wraps
        // (an infinite or NaN width counts as the whole world).
        let whole = (0, self.columns - 1);
        let narrower_than_world = (last - first + 1.0) < rows;
        let spans: [Option<(u64, u64)>; 2] = if !narrower_than_world {
            [Some(whole), None]
        } else {
            let wrap = |c: f64| c.rem_euclid(rows) as u64;
            let (a, b) = (wrap(first), wrap(last));
            if a <= b { [Some((a, b)), None] } else { [Some((0, b)), Some((a, self.columns - 1))] }
        };
        let mut places = Vec::new();
        for row in row_range {
            for (a, b) in spans.into_iter().flatten() {
                let lo = self.cells.partition_point(|&(k, _)| k < row * self.columns + a);
                let hi = self.cells.partition_point(|&(k, _)| k <= row * self.columns + b);
                places.extend(self.cells[lo..hi].iter().map(|&(_, place)| place));
            }
        }
        places.sort_unstable();
        places.into_iter().map(|place| &self.markers[place as usize]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(x: f64, y: f64, id: u32) -> Marker {
        Marker { x, y, merchants: vec![id].into(), same_spot: true }
    }

    fn ids(found: &[&Marker]) -> Vec<u32> {
        found.iter().map(|m| m.merchants[0]).collect()
    }

    #[test]
    fn finds_the_cells_a_rectangle_touches_in_the_levels_order() {
        // A world of 4 × 4 cells (zoom 2).
        let world = 1024.0;
        let markers = vec![
            marker(900.0, 10.0, 0),
            marker(10.0, 10.0, 1),
            marker(300.0, 300.0, 2),
            marker(1023.9, 1023.9, 3),
        ];
        let grid = MarkerGrid::new(markers, world);
        assert_eq!(ids(&grid.near((0.0, 0.0), (100.0, 100.0))), [1]);
        assert_eq!(ids(&grid.near((260.0, 260.0), (600.0, 600.0))), [2]);
        // Whole cells: a rectangle touching cell (0, 0) gets all of it.
        assert_eq!(ids(&grid.near((200.0, 0.0), (600.0, 600.0))), [1, 2]);
        // Across the east edge: columns 3 and 0.
        assert_eq!(ids(&grid.near((800.0, 0.0), (1100.0, 100.0))), [0, 1]);
        // Across the west edge, the same.
        assert_eq!(ids(&grid.near((-200.0, 0.0), (100.0, 100.0))), [0, 1]);
        // Wider than the world, or infinite: everything, in order.
        assert_eq!(ids(&grid.near((-5000.0, -5000.0), (5000.0, 5000.0))), [0, 1, 2, 3]);
        let inf = f64::INFINITY;
        assert_eq!(ids(&grid.near((-inf, -inf), (inf, inf))), [0, 1, 2, 3]);
        // Off the world's top or bottom: clamped to the edge rows.
        assert_eq!(ids(&grid.near((1000.0, 2000.0), (1020.0, 3000.0))), [3]);
    }

    #[test]
    fn an_empty_grid_finds_nothing() {
        let grid = MarkerGrid::new(Vec::new(), 256.0);
        assert!(grid.near((0.0, 0.0), (256.0, 256.0)).is_empty());
    }
}
