//! The downloads of an area (CSV, XLSX) and the data packages, as the
//! pages link to them: made once per render, with their size in each link.

use super::{Cx, Memo};
use crate::diag::Diagnostic;
use crate::format::csv::to_csv_bytes;
use crate::format::xlsx::{to_xlsx_bytes, XCell};
use crate::render::package::{MuniPack, PackCx, Zip};
use crate::render::sheet;
use crate::render::view::{self, Loc};
use crate::render::Renderer;
use crate::route::{pretty, rel, Data, Format, Pack, Route, A, L, M};

/// An area's table or series as CSV or XLSX, in language `l`.
pub(super) fn download(r: &Renderer, (l, m, a): (L, M, A), d: Data, f: Format) -> Result<Vec<u8>, Diagnostic> {
    let lang = r.site.languages[l].as_str();
    let loc = Loc::new(lang, r.site.fallback_order(), &r.strings[lang]);
    let area = &r.site.municipalities[m].areas[a];
    let series_table = |i: usize| {
        let s = &area.series[i];
        let mut t = view::series_table(s);
        t.unit = s.unit.clone();
        t
    };
    match f {
        Format::Csv => {
            let rows = match d {
                Data::Table(i) => view::table_csv(&loc, &area.tables[i]),
                Data::Series(i) => {
                    let mut rows = view::table_csv(&loc, &view::series_table(&area.series[i]));
                    rows[0][0] = loc.s("year");
                    rows
                }
            };
            Ok(to_csv_bytes(&rows))
        }
        Format::Xlsx => {
            let page = r.layout.path(Route::Area(l, m, a));
            let address = match &r.site.base_url {
                Some(b) => pretty(b, &page),
                None => pretty("", &page),
            };
            let sheet = match d {
                Data::Table(i) => sheet::table_sheet(&loc, &area.tables[i], &address),
                Data::Series(i) => {
                    let mut sh = sheet::table_sheet(&loc, &series_table(i), &address);
                    // The header row: the first with more than one cell.
                    if let Some(h) = sh.rows.iter_mut().find(|r| r.len() > 1) {
                        h[0] = XCell::Strong(loc.s("year"));
                    }
                    sh
                }
            };
            let path = r.layout.path(Route::Download(l, m, a, d, f));
            to_xlsx_bytes(&sheet)
                .map_err(|e| Diagnostic::error(std::path::Path::new(&path), format!("could not be written: {e}")))
        }
    }
}

/// A download's bytes, taken from its municipality's package.
pub(super) fn download_memo(
    r: &Renderer,
    memo: &Memo,
    (l, m, a): (L, M, A),
    d: Data,
    f: Format,
) -> Result<Vec<u8>, Diagnostic> {
    let pack = muni_pack(r, memo, l, m)?;
    let taken = pack.files.lock().unwrap_or_else(|e| e.into_inner()).remove(&(a, d, f));
    match taken {
        Some(b) => Ok(b),
        None => download(r, (l, m, a), d, f),
    }
}

/// Makes a package with a `Loc` of its own, so that a text missing in the
/// page's language does not put a fallback notice on the page asking.
fn with_pack_cx<T>(r: &Renderer, l: L, make: impl FnOnce(&PackCx) -> T) -> T {
    let lang = r.site.languages[l].as_str();
    let loc = Loc::new(lang, r.site.fallback_order(), &r.strings[lang]);
    let dl = |k: (L, M, A), d: Data, f: Format| download(r, k, d, f);
    make(&PackCx {
        site: r.site,
        layout: &r.layout,
        loc: &loc,
        download: &dl,
    })
}

/// Municipality `m`'s data package in language `l`, made by the first route
/// that asks.
pub(super) fn muni_pack(r: &Renderer, memo: &Memo, l: L, m: M) -> Result<std::sync::Arc<MuniPack>, Diagnostic> {
    with_pack_cx(r, l, |cx| memo.packs.municipality(cx, l, m))
}

/// Whether `route` is a data package that came out as the previous render's.
pub(super) fn same_as_before(r: &Renderer, route: Route, memo: &Memo) -> Result<bool, Diagnostic> {
    match route {
        Route::Package(l, _) => with_pack_cx(r, l, |cx| memo.packs.same_as_before(cx, route)),
        _ => Ok(false),
    }
}

/// The whole site's data package in language `l`.
pub(super) fn site_pack(r: &Renderer, memo: &Memo, l: L) -> Result<std::sync::Arc<Zip>, Diagnostic> {
    with_pack_cx(r, l, |cx| memo.packs.site(cx, l))
}

/// "Last ned alle tal for Klepp (ZIP, 120 kB)": a data package's link, and
/// the licence its numbers are published under.
#[derive(serde::Serialize)]
pub(super) struct PackageLink {
    href: String,
    text: String,
    licence: Option<LicenceLink>,
}

#[derive(serde::Serialize)]
struct LicenceLink {
    title: String,
    href: String,
}

pub(super) fn package_link(cx: &Cx, route: Route, name: Option<String>) -> Result<PackageLink, Diagnostic> {
    let (r, loc) = (cx.r, cx.loc);
    let size = match route {
        Route::Package(l, Pack::Municipality(m)) => muni_pack(r, cx.memo, l, m)?.zip.len(),
        Route::Package(l, _) => site_pack(r, cx.memo, l)?.len(),
        _ => 0,
    };
    let text = match name {
        Some(n) => loc.s("download_all").replace("{name}", &n),
        None => loc.s("download_all_site"),
    };
    Ok(PackageLink {
        href: rel(cx.path, &r.layout.path(route)),
        text: text.replace("{size}", &kilobytes(size)),
        licence: r.site.licence.map(|lic| LicenceLink {
            title: lic.title().to_string(),
            href: lic.url().to_string(),
        }),
    })
}

/// "Last ned «Nøkkeltal» som Excel (8 kB)": one link per format, naming the
/// table, the format and the size.
pub(super) fn download_links(cx: &Cx, (l, m, a): (L, M, A), d: Data) -> Result<Vec<view::DownloadLink>, Diagnostic> {
    let (r, loc) = (cx.r, cx.loc);
    let area = &r.site.municipalities[m].areas[a];
    let (title, id) = match d {
        Data::Table(i) => (&area.tables[i].title, &area.tables[i].id),
        Data::Series(i) => (&area.series[i].title, &area.series[i].id),
    };
    let name = title.as_ref().map(|t| loc.plain(t)).unwrap_or_else(|| id.clone());
    let mut out = Vec::new();
    for f in Format::ALL {
        let made = {
            let pack = muni_pack(r, cx.memo, l, m)?;
            let files = pack.files.lock().unwrap_or_else(|e| e.into_inner());
            files.get(&(a, d, f)).map(Vec::len)
        };
        let size = match made {
            Some(n) => n,
            None => download(r, (l, m, a), d, f)?.len(),
        };
        out.push(view::DownloadLink {
            href: rel(cx.path, &r.layout.path(Route::Download(l, m, a, d, f))),
            text: loc
                .s("download_as")
                .replace("{name}", &name)
                .replace(
                    "{format}",
                    match f {
                        Format::Csv => "CSV",
                        Format::Xlsx => "Excel",
                    },
                )
                .replace("{size}", &kilobytes(size)),
        });
    }
    Ok(out)
}

/// "8 kB": whole kilobytes, rounded up, as a reader judges a download;
/// from 10 MB on, "12,4 MB".
fn kilobytes(bytes: usize) -> String {
    if bytes >= 10_000_000 {
        let tenths = bytes.div_ceil(100_000);
        return format!("{},{}\u{a0}MB", tenths / 10, tenths % 10);
    }
    format!("{}\u{a0}kB", bytes.div_ceil(1000).max(1))
}
