//! `sitemap.xml`, `robots.txt` and the RSS 2.0 feeds of a [`Catalogue`](super::Catalogue).
