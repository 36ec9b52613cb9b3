//! Images for PDFs: uploads checked by content (PNG or JPEG, decoded with pure-Rust decoders),
//! placed in a box keeping their aspect ratio, and turned into image XObjects. Baseline and
//! progressive JPEGs are embedded as they are (DCTDecode), everything else as Flate-compressed
//! pixels, resampled down when they have far more pixels than their box needs. A [`Pictures`]
//! cache prepares each image once per size, so a batch of documents shares the work.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::sync::Mutex;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px, XObject};

/// Uploads larger than this on either side are refused.
const MAX_IMAGE_SIDE: u32 = 4000;

/// Images are resampled down when they have far more pixels than this resolution needs.
const IMAGE_DPI: f32 = 300.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

/// An uploaded image: its kind and the original file bytes.
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

/// Why an upload is not accepted as a logo or signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// Neither a PNG nor a JPEG.
    NotAnImage,
    /// More than 4000 pixels on a side.
    TooLarge,
    /// Looks like a PNG or JPEG but does not decode.
    Broken,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageError::NotAnImage => "not a PNG or JPEG image",
            ImageError::TooLarge => "image is larger than 4000 pixels on a side",
            ImageError::Broken => "image is damaged and cannot be decoded",
        })
    }
}

impl std::error::Error for ImageError {}

/// Checks an upload by content (magic bytes AND a successful decode of the header/pixels),
/// returns its kind and pixel size.
pub fn check_image(bytes: &[u8]) -> Result<(ImageKind, u32, u32), ImageError> {
    let kind = sniff(bytes).ok_or(ImageError::NotAnImage)?;
    let (w, h) = header_size(kind, bytes)?;
    if w == 0 || h == 0 {
        return Err(ImageError::Broken);
    }
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return Err(ImageError::TooLarge);
    }
    decode(kind, bytes).ok_or(ImageError::Broken)?;
    Ok((kind, w, h))
}

/// Images ready to embed, by content and size: a batch of documents shares one logo and one
/// signature, and decoding, scaling and compressing them was half the time of a certificate.
#[derive(Default)]
pub struct Pictures {
    prepared: Mutex<Vec<Prepared>>,
}

/// An image decoded, scaled and compressed for one size on the page.
struct Prepared {
    key: (u64, usize, usize),
    xobject: XObject,
}

/// How many prepared images the cache keeps (two per certificate template in use).
const PREPARED_MAX: usize = 32;

impl Pictures {
    /// The image ready to embed at `w` × `h` mm, prepared once and then reused; `None` if it
    /// does not decode.
    pub fn get(&self, image: &Image, w: f32, h: f32) -> Option<XObject> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        image.bytes.hash(&mut hasher);
        let key = (hasher.finish(), w.to_bits() as usize, h.to_bits() as usize);
        let cached = |list: &Vec<Prepared>| {
            list.iter()
                .find(|p| p.key == key)
                .map(|p| p.xobject.clone())
        };
        if let Some(x) = cached(&self.prepared.lock().unwrap_or_else(|e| e.into_inner())) {
            return Some(x);
        }
        let xobject = xobject(image, w, h)?;
        let mut list = self.prepared.lock().unwrap_or_else(|e| e.into_inner());
        if list.len() >= PREPARED_MAX {
            list.remove(0);
        }
        list.push(Prepared {
            key,
            xobject: xobject.clone(),
        });
        Some(xobject)
    }
}

fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else {
        None
    }
}

fn png_limits() -> png::Limits {
    // A 4000 × 4000 16-bit RGBA image plus the decoder's buffers.
    png::Limits {
        bytes: 160 * 1024 * 1024,
    }
}

/// Pixel size from the file's header.
fn header_size(kind: ImageKind, bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    match kind {
        ImageKind::Png => {
            let reader = png::Decoder::new_with_limits(bytes, png_limits())
                .read_info()
                .map_err(|_| ImageError::Broken)?;
            let info = reader.info();
            Ok((info.width, info.height))
        }
        ImageKind::Jpeg => {
            let mut d = jpeg_decoder::Decoder::new(bytes);
            d.read_info().map_err(|_| ImageError::Broken)?;
            let info = d.info().ok_or(ImageError::Broken)?;
            Ok((u32::from(info.width), u32::from(info.height)))
        }
    }
}

/// Decoded 8-bit pixels: 1 channel (grey) or 3 (RGB), transparency composited onto white.
struct Pixels {
    width: usize,
    height: usize,
    channels: usize,
    data: Vec<u8>,
}

fn decode(kind: ImageKind, bytes: &[u8]) -> Option<Pixels> {
    match kind {
        ImageKind::Png => decode_png(bytes),
        ImageKind::Jpeg => decode_jpeg(bytes),
    }
}

fn decode_png(bytes: &[u8]) -> Option<Pixels> {
    let mut decoder = png::Decoder::new_with_limits(bytes, png_limits());
    // Palette and low bit depths to 8 bits, tRNS to alpha, 16 bits to 8.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return None;
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).ok()?;
    if frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    let (width, height) = (frame.width as usize, frame.height as usize);
    let data = &buf[..frame.buffer_size()];
    let over_white = |c: u8, a: u8| {
        ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8
    };
    let (channels, data) = match frame.color_type {
        png::ColorType::Grayscale => (1, data.to_vec()),
        png::ColorType::Rgb => (3, data.to_vec()),
        png::ColorType::GrayscaleAlpha => (
            1,
            data.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Rgba => (
            3,
            data.chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::Indexed => return None,
    };
    (data.len() == width * height * channels).then_some(Pixels {
        width,
        height,
        channels,
        data,
    })
}

fn decode_jpeg(bytes: &[u8]) -> Option<Pixels> {
    use jpeg_decoder::PixelFormat;
    let mut d = jpeg_decoder::Decoder::new(bytes);
    d.read_info().ok()?;
    let info = d.info()?;
    if u32::from(info.width) > MAX_IMAGE_SIDE || u32::from(info.height) > MAX_IMAGE_SIDE {
        return None;
    }
    let raw = d.decode().ok()?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    let (channels, data) = match info.pixel_format {
        PixelFormat::L8 => (1, raw),
        PixelFormat::L16 => (1, raw.chunks_exact(2).map(|p| p[0]).collect()),
        PixelFormat::RGB24 => (3, raw),
        PixelFormat::CMYK32 => (
            3,
            raw.chunks_exact(4)
                .flat_map(|p| {
                    let k = 255 - u32::from(p[3]);
                    p[..3]
                        .iter()
                        .map(move |c| ((255 - u32::from(*c)) * k / 255) as u8)
                        .collect::<Vec<_>>()
                })
                .collect(),
        ),
    };
    (data.len() == width * height * channels).then_some(Pixels {
        width,
        height,
        channels,
        data,
    })
}

/// The image's box inside `area` (x, y, w, h), keeping its aspect ratio: centred horizontally,
/// and at the top of the area (`top`) or at its bottom.
pub fn fit_image(
    image: &Image,
    (ax, ay, aw, ah): (f32, f32, f32, f32),
    top: bool,
) -> Option<(f32, f32, f32, f32)> {
    let kind = sniff(&image.bytes)?;
    let (pw, ph) = header_size(kind, &image.bytes).ok()?;
    if pw == 0 || ph == 0 || pw > MAX_IMAGE_SIDE || ph > MAX_IMAGE_SIDE {
        return None;
    }
    let scale = (aw / pw as f32).min(ah / ph as f32);
    let (w, h) = (pw as f32 * scale, ph as f32 * scale);
    let y = if top { ay + ah - h } else { ay };
    Some((ax + (aw - w) / 2.0, y, w, h))
}

/// The image as a PDF image XObject for a box of `w` × `h` mm. Baseline and progressive grey or
/// RGB JPEGs of a sensible size go in unchanged; all else is decoded (and resampled down when
/// it has far more pixels than the box needs) and stored as Flate-compressed pixels.
pub fn xobject(image: &Image, w: f32, h: f32) -> Option<XObject> {
    let kind = sniff(&image.bytes)?;
    let target_w = (w / 25.4 * IMAGE_DPI).ceil().max(1.0) as usize;
    let target_h = (h / 25.4 * IMAGE_DPI).ceil().max(1.0) as usize;
    let oversized = |pw: usize, ph: usize| pw > target_w * 3 / 2 && ph > target_h * 3 / 2;

    if kind == ImageKind::Jpeg {
        let mut d = jpeg_decoder::Decoder::new(image.bytes.as_slice());
        d.read_info().ok()?;
        let info = d.info()?;
        let colour_space = match info.pixel_format {
            jpeg_decoder::PixelFormat::L8 => Some("DeviceGray"),
            jpeg_decoder::PixelFormat::RGB24 => Some("DeviceRGB"),
            _ => None,
        };
        let (pw, ph) = (usize::from(info.width), usize::from(info.height));
        if let Some(cs) = colour_space
            && info.coding_process != jpeg_decoder::CodingProcess::Lossless
            && !oversized(pw, ph)
        {
            return Some(dct_xobject(&image.bytes, pw, ph, cs));
        }
    }

    let mut px = decode(kind, &image.bytes)?;
    if oversized(px.width, px.height) {
        let scale = (target_w as f32 / px.width as f32).max(target_h as f32 / px.height as f32);
        let nw = ((px.width as f32 * scale).round() as usize).clamp(1, px.width);
        let nh = ((px.height as f32 * scale).round() as usize).clamp(1, px.height);
        px = downscale(&px, nw, nh);
    }
    // Compressed here, once, rather than by printpdf on every save.
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&px.data).ok()?;
    let content = zlib.finish().ok()?;
    let colour_space = if px.channels == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    Some(image_xobject(
        content,
        px.width,
        px.height,
        colour_space,
        "FlateDecode",
    ))
}

/// A JPEG file passed through as a DCTDecode image.
fn dct_xobject(bytes: &[u8], width: usize, height: usize, colour_space: &str) -> XObject {
    image_xobject(bytes.to_vec(), width, height, colour_space, "DCTDecode")
}

/// An image XObject whose stream is already encoded with `filter`.
fn image_xobject(
    content: Vec<u8>,
    width: usize,
    height: usize,
    colour_space: &str,
    filter: &str,
) -> XObject {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(width as i64)),
        ("Height".to_string(), DictItem::Int(height as i64)),
        ("ColorSpace".to_string(), name(colour_space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name(filter)),
    ]);
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: Some(Px(width)),
        height: Some(Px(height)),
        dpi: None,
    })
}

/// Box-filter resampling to `nw` × `nh` (each output pixel averages the input pixels under it).
fn downscale(px: &Pixels, nw: usize, nh: usize) -> Pixels {
    let ch = px.channels;
    let mut data = Vec::with_capacity(nw * nh * ch);
    for oy in 0..nh {
        let y0 = oy * px.height / nh;
        let y1 = ((oy + 1) * px.height / nh).max(y0 + 1);
        for ox in 0..nw {
            let x0 = ox * px.width / nw;
            let x1 = ((ox + 1) * px.width / nw).max(x0 + 1);
            let mut sum = [0u32; 3];
            for y in y0..y1 {
                let row = &px.data[(y * px.width + x0) * ch..(y * px.width + x1) * ch];
                for p in row.chunks_exact(ch) {
                    for (s, v) in sum.iter_mut().zip(p) {
                        *s += u32::from(*v);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u32;
            data.extend(sum[..ch].iter().map(|s| ((s + n / 2) / n) as u8));
        }
    }
    Pixels {
        width: nw,
        height: nh,
        channels: ch,
        data,
    }
}
