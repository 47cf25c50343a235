//! Finding the shopper: the browser's Geolocation API behind a small
//! [`Locator`] so that tests can put a fake in its place.

use std::fmt;
use std::rc::Rc;

use fujin_core::geo::LonLat;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::Callback;

/// Why the device's position is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationError {
    /// The shopper (or the page's permissions policy) said no.
    Denied,
    /// No answer in time.
    TimedOut,
    /// The device could not work it out.
    Unavailable,
    /// The browser has no Geolocation API (or not on an insecure page).
    Unsupported,
}

/// The answer to "where am I?".
pub type LocationAnswer = Result<LonLat, LocationError>;

/// Asks for the device's position once and reports through the callback.
#[derive(Clone)]
pub struct Locator(Rc<dyn Fn(Callback<LocationAnswer>)>);

impl Locator {
    /// A locator from a function (tests use this for fakes).
    pub fn new(f: impl Fn(Callback<LocationAnswer>) + 'static) -> Self {
        Self(Rc::new(f))
    }

    /// The browser's Geolocation API, with a 10 s timeout and positions up to a minute old.
    pub fn browser() -> Self {
        Self::new(browser_locate)
    }

    /// A locator that always answers `answer` (for tests and demos).
    pub fn fixed(answer: LocationAnswer) -> Self {
        Self::new(move |done| done.emit(answer))
    }

    /// Asks; `done` is called exactly once.
    pub fn locate(&self, done: Callback<LocationAnswer>) {
        (self.0)(done)
    }
}

impl PartialEq for Locator {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Locator")
    }
}

fn browser_locate(done: Callback<LocationAnswer>) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        done.emit(Err(LocationError::Unsupported));
        return;
    };
    let on_error = done.clone();
    let on_refused = done.clone();
    let success = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        let p = LonLat::new(coords.longitude(), coords.latitude());
        done.emit(if p.is_valid() { Ok(p) } else { Err(LocationError::Unavailable) });
    });
    let failure = Closure::once_into_js(move |error: web_sys::PositionError| {
        on_error.emit(Err(match error.code() {
            1 => LocationError::Denied,
            3 => LocationError::TimedOut,
            _ => LocationError::Unavailable,
        }));
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(10_000);
    options.set_maximum_age(60_000);
    let asked = geolocation.get_current_position_with_error_callback_and_options(
        success.unchecked_ref(),
        Some(failure.unchecked_ref()),
        &options,
    );
    if asked.is_err() {
        on_refused.emit(Err(LocationError::Unsupported));
    }
}
