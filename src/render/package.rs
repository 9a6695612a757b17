//! Data packages: every table and series of a municipality, or of the whole
//! site, as CSV and XLSX in one ZIP with a `datapackage.json` (Frictionless
//! Data Package) that names the licence, the sources, each file's format
//! and each column's type and unit. One per language, since the files'
//! headings, row labels and captions are in the page's language.
//!
//! The files in a package are the very bytes the area pages link to: a
//! municipality's downloads are made once per render, for its package, and
//! handed to their own routes and to the size in each download link. The
//! site's package copies the municipalities' compressed entries as they are.
//! Every entry has the same fixed date, so identical builds give identical
//! bytes.

use super::view::{self, Loc};
use super::Sink;
use crate::content::{Cell, Row, Site, Table};
use crate::diag::Diagnostic;
use crate::route::{pretty, Data, Format, Layout, Pack, Route, A, L, M};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Seek, Write};
use std::sync::{Arc, Mutex, OnceLock};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// A package's ZIP: held, or given to the sink as soon as it was made. A
/// sink that can give files back (`build`'s output folder) gets every
/// package at once, and the site's package reads the municipalities' back
/// from it: held, a country's packages were 130 MB at the end of a build.
/// `serve` holds them, to tell whether the next render's came out the same.
#[derive(Debug, PartialEq)]
pub enum Zip {
    Held(Vec<u8>),
    /// In the sink; its size.
    Written(usize),
}

impl Zip {
    /// Its size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Zip::Held(b) => b.len(),
            Zip::Written(n) => *n,
        }
    }

    /// Whether it has no bytes (never, for a ZIP planvev made).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its bytes, unless they were given to the sink already.
    pub fn held(&self) -> Option<&[u8]> {
        match self {
            Zip::Held(b) => Some(b),
            Zip::Written(_) => None,
        }
    }
}

/// A municipality's package in one language, with the downloads made for it.
pub struct MuniPack {
    /// The ZIP as published.
    pub zip: Zip,
    /// Its resources, with paths inside the municipality's folder.
    resources: Vec<Resource>,
    sources: Vec<Value>,
    /// The downloads, until their own routes take them.
    pub files: Mutex<HashMap<(A, Data, Format), Vec<u8>>>,
}

/// The result of making something once per render, shared by the threads.
type Once<T> = OnceLock<Result<Arc<T>, Diagnostic>>;

/// The packages of one render, made on first use by whichever thread asks
/// first (the municipality page, the front page or a download) and shared.
pub struct Packs<'s> {
    municipalities: HashMap<(L, M), Once<MuniPack>>,
    site: Vec<Once<Zip>>,
    /// Where packages go as soon as they are made, when it gives them back.
    write_to: Option<&'s dyn Sink>,
    /// What the previous render made, in a partial render (serve).
    previous: Packages,
    /// The municipalities a partial render makes again; a full render
    /// makes them all.
    remade: Option<BTreeSet<M>>,
}

/// The data packages one render made. `serve` keeps them, so that the next
/// partial render takes the packages of municipalities whose areas did not
/// change as they are, and the site's as it is when the packages it holds
/// came out byte for byte the same: a narrative edit then costs one
/// municipality's downloads instead of every download of the site.
#[derive(Clone, Default)]
pub struct Packages {
    municipalities: HashMap<(L, M), Arc<MuniPack>>,
    site: HashMap<L, Arc<Zip>>,
}

impl std::fmt::Debug for Packages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Packages")
            .field("municipalities", &self.municipalities.len())
            .field("site", &self.site.len())
            .finish()
    }
}

/// What a partial render (serve, after an edit) makes again, and what it
/// may take from the render before it.
#[derive(Debug, Clone, Copy)]
pub struct Partial<'p> {
    /// The areas changed since the previous render: (municipality, area).
    pub changed: &'p BTreeSet<(M, A)>,
    /// The previous render's packages, for the same municipalities.
    pub previous: &'p Packages,
    /// What the previous render's site-wide pages were made from.
    pub pages: &'p super::pages::PageDigests,
}

/// Makes one download's bytes (the area pages' CSV/XLSX).
pub type MakeDownload<'a> = &'a (dyn Fn((L, M, A), Data, Format) -> Result<Vec<u8>, Diagnostic> + Sync);

/// What making a package needs: the site, its layout, the page language's
/// strings and the maker of downloads.
pub struct PackCx<'a> {
    pub site: &'a Site,
    pub layout: &'a Layout<'a>,
    pub loc: &'a Loc<'a>,
    pub download: MakeDownload<'a>,
}

impl<'s> Packs<'s> {
    /// The packages of a full render, or with `partial` of one that takes
    /// unchanged municipalities' packages from the previous render. Each is
    /// given to `sink` as soon as it is made when the sink gives files back
    /// and the render is a full one.
    pub fn new(site: &Site, partial: Option<Partial>, sink: &'s dyn Sink) -> Packs<'s> {
        let langs = site.languages.len();
        let remade: Option<BTreeSet<M>> = partial.map(|p| p.changed.iter().map(|(m, _)| *m).collect());
        let previous = partial.map(|p| p.previous.clone()).unwrap_or_default();
        let municipalities = (0..langs)
            .flat_map(|l| (0..site.municipalities.len()).map(move |m| (l, m)))
            .map(|key| {
                let cell = OnceLock::new();
                let kept = remade.as_ref().filter(|r| !r.contains(&key.1));
                if let Some(pack) = kept.and_then(|_| previous.municipalities.get(&key)) {
                    let _ = cell.set(Ok(pack.clone()));
                }
                (key, cell)
            })
            .collect();
        Packs {
            municipalities,
            site: (0..langs).map(|_| OnceLock::new()).collect(),
            write_to: (partial.is_none() && sink.reads_back()).then_some(sink),
            previous,
            remade,
        }
    }

    /// The packages made (or kept) so far, for the next partial render.
    /// The downloads they were made with are not kept.
    pub fn into_packages(self) -> Packages {
        let municipalities = (self.municipalities.into_iter())
            .filter_map(|(k, cell)| made(cell).map(|p| (k, p)))
            .inspect(|(_, p)| p.files.lock().unwrap_or_else(|e| e.into_inner()).clear())
            .collect();
        let site = (self.site.into_iter().enumerate())
            .filter_map(|(l, cell)| made(cell).map(|z| (l, z)))
            .collect();
        Packages { municipalities, site }
    }

    /// Whether a package route's bytes are the very ones the previous render
    /// made, which the sink holds already (a partial render need not give
    /// them again). Makes the package if no route has yet.
    pub fn same_as_before(&self, cx: &PackCx, route: Route) -> Result<bool, Diagnostic> {
        if self.remade.is_none() {
            return Ok(false);
        }
        match route {
            Route::Package(l, Pack::Site) => {
                let now = self.site(cx, l)?;
                Ok(self.previous.site.get(&l).is_some_and(|p| Arc::ptr_eq(p, &now)))
            }
            Route::Package(l, Pack::Municipality(m)) => self.muni_same(cx, l, m),
            _ => Ok(false),
        }
    }

    /// Whether municipality `m`'s package in `l` came out as before.
    fn muni_same(&self, cx: &PackCx, l: L, m: M) -> Result<bool, Diagnostic> {
        let now = self.municipality(cx, l, m)?;
        Ok(self
            .previous
            .municipalities
            .get(&(l, m))
            .is_some_and(|p| p.zip == now.zip))
    }

    /// Municipality `m`'s package in language `l`, made once.
    pub fn municipality(&self, cx: &PackCx, l: L, m: M) -> Result<Arc<MuniPack>, Diagnostic> {
        let make = || {
            let mut pack = muni_pack(cx, l, m)?;
            pack.zip = self.keep(cx.layout.path(Route::Package(l, Pack::Municipality(m))), pack.zip)?;
            Ok(Arc::new(pack))
        };
        self.municipalities[&(l, m)].get_or_init(make).clone()
    }

    /// A package just made: given to the sink now, if it takes packages.
    fn keep(&self, path: String, zip: Zip) -> Result<Zip, Diagnostic> {
        match (self.write_to, zip) {
            (Some(sink), Zip::Held(bytes)) => {
                sink.put(path, &bytes)?;
                Ok(Zip::Written(bytes.len()))
            }
            (_, zip) => Ok(zip),
        }
    }

    /// The bytes of a municipality's package, read back from the sink if
    /// they were given to it.
    fn bytes_of<'p>(&self, pack: &'p MuniPack, path: &str) -> Result<std::borrow::Cow<'p, [u8]>, Diagnostic> {
        if let Some(b) = pack.zip.held() {
            return Ok(b.into());
        }
        let back = self.write_to.and_then(|s| s.get(path));
        back.map(Into::into).ok_or_else(|| {
            Diagnostic::error(path, "the data package just written could not be read back")
                .hint("check that the output folder is not being changed by another program during the build")
        })
    }

    /// The whole site's package in language `l`, made once.
    /// In a partial render, the previous render's when every municipality
    /// package made again came out the same.
    pub fn site(&self, cx: &PackCx, l: L) -> Result<Arc<Zip>, Diagnostic> {
        self.site[l].get_or_init(|| self.site_again(cx, l)).clone()
    }

    fn site_again(&self, cx: &PackCx, l: L) -> Result<Arc<Zip>, Diagnostic> {
        if let (Some(remade), Some(before)) = (&self.remade, self.previous.site.get(&l)) {
            let mut same = true;
            for &m in remade {
                same &= self.muni_same(cx, l, m)?;
            }
            if same {
                return Ok(before.clone());
            }
        }
        let path = cx.layout.path(Route::Package(l, Pack::Site));
        // Written straight into its file where the sink has files: the
        // site's package is 32 MB per language on a country.
        if let Some(file) = self.write_to.and_then(|s| s.create(&path)) {
            let file = Positioned::new(file?);
            let mut file = self.site_zip(cx, l, file)?;
            let size = file.stream_position().map_err(|e| io_error(&path, e))?;
            file.flush().map_err(|e| io_error(&path, e))?;
            return Ok(Arc::new(Zip::Written(size as usize)));
        }
        let room = self.room(cx, l)?;
        let mut zip = self
            .site_zip(cx, l, Cursor::new(Vec::with_capacity(room)))?
            .into_inner();
        // Shrinking copies it (both held for a moment): only when much is spare.
        if zip.capacity() - zip.len() > zip.len() / 8 {
            zip.shrink_to_fit();
        }
        Ok(Arc::new(self.keep(path, Zip::Held(zip))?))
    }

    /// Room for the site's package in memory at once: grown by doubling, a
    /// country's (30 MB per language) was held at twice its size. It holds
    /// the municipalities' entries under longer names, and one descriptor
    /// instead of theirs: about their size, a little more at most.
    fn room(&self, cx: &PackCx, l: L) -> Result<usize, Diagnostic> {
        let mut room = 0;
        for m in 0..cx.site.municipalities.len() {
            room += self.municipality(cx, l, m)?.zip.len();
        }
        Ok(room + room / 32 + 64 * 1024)
    }

    /// Writes the site's package in language `l` into `out`.
    fn site_zip<W: Write + Seek>(&self, cx: &PackCx, l: L, out: W) -> Result<W, Diagnostic> {
        let path = cx.layout.path(Route::Package(l, Pack::Site));
        let err = |e: zip::result::ZipError| zip_error(&path, e);
        let packs = (0..cx.site.municipalities.len())
            .map(|m| self.municipality(cx, l, m))
            .collect::<Result<Vec<_>, _>>()?;
        let mut w = ZipWriter::new(out);
        let mut resources = Vec::new();
        let mut sources: Vec<&Value> = Vec::new();
        for (m, (pack, mu)) in packs.iter().zip(&cx.site.municipalities).enumerate() {
            let bytes = self.bytes_of(pack, &cx.layout.path(Route::Package(l, Pack::Municipality(m))))?;
            let mut archive = ZipArchive::new(Cursor::new(&bytes[..])).map_err(err)?;
            for i in 0..archive.len() {
                let entry = archive.by_index_raw(i).map_err(err)?;
                let inner = entry.name().map_err(err)?.into_owned();
                if inner == DESCRIPTOR {
                    continue;
                }
                let name = format!("{}/{inner}", mu.slug);
                w.raw_copy_file_rename(entry, name).map_err(err)?;
            }
            resources.push((mu.slug.as_str(), &pack.resources[..]));
            for s in &pack.sources {
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
        }
        let sources: Vec<Value> = sources.into_iter().cloned().collect();
        let desc = Descriptor {
            name: format!("{}-{}", site_name(cx.site), cx.loc.lang),
            title: cx.loc.plain(&cx.site.title),
            page: Route::Front(l),
            resources: Resources(resources),
            sources: &sources,
        };
        w.start_file(DESCRIPTOR, options(Format::Csv)).map_err(err)?;
        write_descriptor(cx, desc, &mut w).map_err(|e| io_error(&path, e))?;
        w.finish().map_err(err)
    }
}

/// A buffered writer that keeps count of its position. `ZipWriter` asks
/// for the position before every entry, and `BufWriter` answers that by
/// writing out its buffer and asking the system: the site's package (32 MB
/// per language on a country) went out in 17 000 small writes per language,
/// each with a seek. Here only a real move writes the buffer out.
struct Positioned<W: Write + Seek> {
    inner: std::io::BufWriter<W>,
    pos: u64,
}

impl<W: Write + Seek> Positioned<W> {
    fn new(inner: W) -> Self {
        Positioned {
            inner: std::io::BufWriter::with_capacity(256 * 1024, inner),
            pos: 0,
        }
    }
}

impl<W: Write + Seek> Write for Positioned<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write + Seek> Seek for Positioned<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if matches!(to, std::io::SeekFrom::Current(0)) || to == std::io::SeekFrom::Start(self.pos) {
            return Ok(self.pos);
        }
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

/// What a render made of something, if it made it without error.
fn made<T>(cell: Once<T>) -> Option<Arc<T>> {
    cell.into_inner().and_then(Result::ok)
}

/// The package's description, at the root of every ZIP.
const DESCRIPTOR: &str = "datapackage.json";

fn zip_error(path: &str, e: zip::result::ZipError) -> Diagnostic {
    Diagnostic::error(path, format!("the data package could not be written: {e}"))
}

fn io_error(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("the data package could not be written: {e}"))
}

/// Every entry dated 1980-01-01 (the ZIP format's first day), so a package
/// changes only when its numbers do. A workbook is compressed already.
fn options(f: Format) -> SimpleFileOptions {
    let method = match f {
        Format::Csv => CompressionMethod::Deflated,
        Format::Xlsx => CompressionMethod::Stored,
    };
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// A name as the Data Package format allows (`^[-a-z0-9._/]+$`).
fn package_name(s: &str) -> String {
    let out: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            'æ' => 'e',
            'ø' => 'o',
            'å' => 'a',
            _ => '-',
        })
        .collect();
    if out.is_empty() {
        "data".into()
    } else {
        out
    }
}

/// The site's package name: its address's host, or `planvev`.
fn site_name(site: &Site) -> String {
    let host = site
        .base_url
        .as_deref()
        .and_then(|b| b.split("://").nth(1))
        .and_then(|h| h.split('/').next())
        .filter(|h| !h.is_empty());
    package_name(host.unwrap_or("planvev"))
}

fn muni_pack(cx: &PackCx, l: L, m: M) -> Result<MuniPack, Diagnostic> {
    let mu = &cx.site.municipalities[m];
    let path = cx.layout.path(Route::Package(l, Pack::Municipality(m)));
    let err = |e: zip::result::ZipError| zip_error(&path, e);
    let prefix = format!("{}/{}/", cx.site.languages[l], mu.slug);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let mut files = HashMap::new();
    let mut resources = Vec::new();
    let mut sources = Vec::new();
    for (a, area) in mu.areas.iter().enumerate() {
        let data = (0..area.tables.len())
            .map(Data::Table)
            .chain((0..area.series.len()).map(Data::Series));
        for d in data {
            let table = match d {
                Data::Table(i) => area.tables[i].clone(),
                Data::Series(i) => {
                    let mut t = view::series_table(&area.series[i]);
                    t.unit = area.series[i].unit.clone();
                    t
                }
            };
            if let Some(s) = source(cx.loc, &table) {
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
            for f in Format::ALL {
                let bytes = (cx.download)((l, m, a), d, f)?;
                let full = cx.layout.path(Route::Download(l, m, a, d, f));
                let inner = full.strip_prefix(&prefix).unwrap_or(&full).to_string();
                w.start_file(inner.as_str(), options(f)).map_err(err)?;
                w.write_all(&bytes).map_err(|e| io_error(&path, e))?;
                let res = Res {
                    name: format!("{}-{}-{}-{}", mu.slug, area.slug, table.id, f.ext()),
                    path: inner,
                    area_title: cx.loc.plain(&area.title),
                    bytes: bytes.len(),
                    series: matches!(d, Data::Series(_)),
                };
                resources.push(resource(cx.loc, &table, f, res));
                files.insert((a, d, f), bytes);
            }
        }
    }
    let desc = Descriptor {
        name: format!("{}-{}", mu.slug, cx.loc.lang),
        title: format!("{} – {}", cx.loc.plain(&mu.name), cx.loc.plain(&cx.site.title)),
        page: Route::Municipality(l, m),
        resources: Resources(vec![("", &resources[..])]),
        sources: &sources,
    };
    // Small: made whole, and given to the compressor in one write.
    let mut json = Vec::new();
    write_descriptor(cx, desc, &mut json).map_err(|e| io_error(&path, e))?;
    w.start_file(DESCRIPTOR, options(Format::Csv)).map_err(err)?;
    w.write_all(&json).map_err(|e| io_error(&path, e))?;
    // Grown by doubling, and held until the site's package is made: a
    // country's 714 came to 25 MB more than their size.
    let mut zip = w.finish().map_err(err)?.into_inner();
    zip.shrink_to_fit();
    Ok(MuniPack {
        zip: Zip::Held(zip),
        resources,
        sources,
        files: Mutex::new(files),
    })
}

/// A table's source as the Data Package names one.
fn source(loc: &Loc, t: &Table) -> Option<Value> {
    let title = loc.plain(t.source.as_ref()?);
    Some(match &t.source_url {
        Some(u) => json!({ "title": title, "path": u }),
        None => json!({ "title": title }),
    })
}

/// What a package's `datapackage.json` says besides its defaults.
struct Descriptor<'a> {
    name: String,
    title: String,
    /// The page the package is linked from (its `homepage` with base_url).
    page: Route,
    resources: Resources<'a>,
    sources: &'a [Value],
}

/// `datapackage.json` as written: keys in sorted order, as a JSON
/// object's are, and the resources borrowed, not copied into a JSON value
/// (the site's describe every file of the country).
#[derive(serde::Serialize)]
struct DescriptorFile<'a> {
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<String>,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    licenses: Option<Value>,
    name: String,
    profile: &'static str,
    resources: Resources<'a>,
    #[serde(skip_serializing_if = "<[Value]>::is_empty")]
    sources: &'a [Value],
    title: &'a str,
}

/// Writes `datapackage.json` into `out`, as it is made: the site's is
/// tens of MB on a country.
fn write_descriptor(cx: &PackCx, d: Descriptor, out: impl Write) -> std::io::Result<()> {
    let loc = cx.loc;
    let mut description = loc.s("package_description");
    let licenses = match cx.site.licence {
        Some(lic) => Some(json!([{ "name": lic.id(), "path": lic.url(), "title": lic.title() }])),
        None => {
            description.push(' ');
            description.push_str(&loc.s("package_no_licence"));
            None
        }
    };
    let file = DescriptorFile {
        description,
        homepage: (cx.site.base_url.as_ref()).map(|base| pretty(base, &cx.layout.path(d.page))),
        language: loc.lang,
        licenses,
        name: package_name(&d.name),
        profile: "data-package",
        resources: d.resources,
        sources: d.sources,
        title: &d.title,
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.write_all(b"\n")?;
    // Not `flush`: that would flush the ZIP entry's compressor too, and
    // change its bytes.
    out.into_inner().map(drop).map_err(|e| e.into_error())
}

/// One file of a package, as its resource describes it.
struct Res {
    name: String,
    path: String,
    area_title: String,
    bytes: usize,
    series: bool,
}

/// A file as `datapackage.json` describes it. Typed, not a JSON value: a
/// country's packages describe 36 000 files, and every municipality's are
/// held until the site's package is made. Written through `Placed`.
#[derive(Debug, Clone)]
struct Resource {
    bytes: usize,
    description: String,
    dialect: Option<Dialect>,
    encoding: Option<&'static str>,
    format: &'static str,
    mediatype: &'static str,
    name: String,
    path: String,
    schema: Option<Schema>,
    title: String,
}

impl Resource {
    /// The resource as written in a package whose files are under
    /// `folder` (empty: at its root).
    fn placed<'a>(&'a self, folder: &'a str) -> Placed<'a> {
        Placed {
            bytes: self.bytes,
            description: &self.description,
            dialect: self.dialect.as_ref(),
            encoding: self.encoding,
            format: self.format,
            mediatype: self.mediatype,
            name: &self.name,
            path: InFolder(folder, &self.path),
            schema: self.schema.as_ref(),
            title: &self.title,
        }
    }
}

/// A resource as written, borrowed: the site's package describes every
/// municipality's files under the municipality's folder, without a copy
/// of them (17 MB per language on a country). The fields are in the
/// order a JSON object's keys are written (sorted), so the file reads as
/// before.
#[derive(serde::Serialize)]
struct Placed<'a> {
    bytes: usize,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<&'a Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    format: &'static str,
    mediatype: &'static str,
    name: &'a str,
    path: InFolder<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<&'a Schema>,
    title: &'a str,
}

/// A path inside a package: `FOLDER/PATH`, or `PATH` at its root.
struct InFolder<'a>(&'a str, &'a str);

impl serde::Serialize for InFolder<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            "" => s.serialize_str(self.1),
            folder => s.collect_str(&format_args!("{folder}/{}", self.1)),
        }
    }
}

/// The resources of packages, each under its folder, written as one list.
struct Resources<'a>(Vec<(&'a str, &'a [Resource])>);

impl serde::Serialize for Resources<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.iter().map(|(_, r)| r.len()).sum()))?;
        for (folder, list) in &self.0 {
            for r in list.iter() {
                seq.serialize_element(&r.placed(folder))?;
            }
        }
        seq.end()
    }
}

/// How planvev's CSV files are written.
#[derive(Debug, Clone, serde::Serialize)]
struct Dialect {
    delimiter: &'static str,
    header: bool,
}

/// A CSV file's columns (Table Schema).
#[derive(Debug, Clone, serde::Serialize)]
struct Schema {
    fields: Vec<Field>,
    #[serde(rename = "missingValues")]
    missing_values: Vec<String>,
}

/// One column of a CSV file.
#[derive(Debug, Clone, serde::Serialize)]
struct Field {
    #[serde(rename = "decimalChar", skip_serializing_if = "Option::is_none")]
    decimal_char: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

impl Field {
    fn new(name: String, kind: &'static str) -> Field {
        Field {
            decimal_char: None,
            description: None,
            name,
            kind,
            unit: None,
        }
    }
}

fn resource(loc: &Loc, t: &Table, f: Format, res: Res) -> Resource {
    let title = t.title.as_ref().map(|x| loc.plain(x)).unwrap_or_else(|| t.id.clone());
    let csv = matches!(f, Format::Csv);
    Resource {
        bytes: res.bytes,
        description: loc.s(if csv { "package_csv_layout" } else { "package_xlsx" }),
        dialect: csv.then_some(Dialect {
            delimiter: ";",
            header: true,
        }),
        encoding: csv.then_some("utf-8"),
        format: f.ext(),
        mediatype: match f {
            Format::Csv => "text/csv",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
        name: package_name(&res.name),
        path: res.path,
        schema: csv.then(|| schema(loc, t, res.series)),
        title: format!("{title} ({})", res.area_title),
    }
}

/// The CSV's columns: the row labels (or years), then one field per column
/// with its type and unit, and the texts that stand for a missing value.
fn schema(loc: &Loc, t: &Table, series: bool) -> Schema {
    let csv = view::table_csv(loc, t);
    let header = &csv[0];
    let first = match (series, header[0].is_empty()) {
        (true, _) => Field::new(loc.s("year"), "year"),
        (false, true) => Field::new(loc.s("package_row_field"), "string"),
        (false, false) => Field::new(header[0].clone(), "string"),
    };
    let rows_have_units = t.rows.iter().any(|r| matches!(r, Row::Data { unit: Some(_), .. }));
    let mut missing = vec![String::new()];
    let mut fields = vec![first];
    for (j, col) in t.columns.iter().enumerate() {
        let mut text = false;
        for (r, line) in t.rows.iter().zip(&csv[1..]) {
            let Row::Data { cells, .. } = r else { continue };
            match cells.get(j) {
                Some(Cell::Text(_)) => text = true,
                Some(Cell::Num(_)) | None => {}
                Some(_) => {
                    let printed = line.get(j + 1).cloned().unwrap_or_default();
                    if !missing.contains(&printed) {
                        missing.push(printed);
                    }
                }
            }
        }
        let name = header.get(j + 1).cloned().unwrap_or_default();
        let mut field = match text {
            true => Field::new(name, "string"),
            false => Field {
                decimal_char: Some(","),
                ..Field::new(name, "number")
            },
        };
        let unit = col.unit.as_ref().or(t.unit.as_ref()).filter(|_| !rows_have_units);
        field.unit = unit.map(|u| loc.plain(u));
        if rows_have_units {
            field.description = Some(loc.s("package_row_units"));
        }
        fields.push(field);
    }
    Schema {
        fields,
        missing_values: missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_what_the_format_allows() {
        assert_eq!(package_name("Klepp-Barnevern-Nøkkeltal"), "klepp-barnevern-nokkeltal");
        assert_eq!(package_name("Hå sosiale tenester"), "ha-sosiale-tenester");
        assert_eq!(package_name(""), "data");
    }

    /// A file that counts the seeks and writes that reach it.
    #[derive(Default)]
    struct Counted {
        bytes: Cursor<Vec<u8>>,
        seeks: usize,
        writes: usize,
    }

    impl Write for Counted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.writes += 1;
            self.bytes.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Counted {
        fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
            self.seeks += 1;
            self.bytes.seek(to)
        }
    }

    /// A ZIP of many entries, as the site's package is made.
    fn many_entries<W: Write + Seek>(out: W) -> W {
        let mut w = ZipWriter::new(out);
        for i in 0..200 {
            w.start_file(format!("{i}.csv"), options(Format::Csv)).unwrap();
            w.write_all(format!("år;tal\n2024;{i}\n").as_bytes()).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn the_site_package_goes_out_in_large_writes_with_the_same_bytes() {
        let held = many_entries(Cursor::new(Vec::new())).into_inner();
        let mut file = many_entries(Positioned::new(Counted::default()));
        file.flush().unwrap();
        let file = file.inner.into_inner().map_err(|e| e.into_error()).unwrap();
        assert_eq!(file.bytes.into_inner(), held);
        // A deflated entry's header is written again once its size is
        // known: one move back and one forward per entry, nothing more.
        assert!(file.seeks <= 2 * 200 + 2, "{} seeks", file.seeks);
        assert!(file.writes <= 2 * 200 + 2, "{} writes", file.writes);
    }
}
