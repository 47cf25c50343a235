//! Finding things fast: the spatial index of merchant positions (built once
//! by bulk load, answering with merchant indices), the [`Catalog`] that pairs
//! it with a loaded feed, and the deal list query (filters and sorts) over it.
//! Depends on [`feed`](crate::feed), [`commerce`](crate::commerce),
//! [`model`](crate::model) and [`geo`](crate::geo).

mod catalog;
mod deal_ids;
mod deal_query;
mod deal_row;
mod index_build;
mod spatial_index;

pub use catalog::{Catalog, CatalogBuilder, FoundDeal};
pub use deal_query::{DealQuery, SortBy};
pub use deal_row::DealRow;
pub use fujin_rtree::ShapeError;
pub use index_build::IndexBuild;
pub use spatial_index::{Hit, IndexShape, SpatialIndex};
