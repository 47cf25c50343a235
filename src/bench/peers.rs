//! The bridge to the JavaScript peers (`static/bench/peers.js`), which
//! `bench.html` starts importing before this WebAssembly runs and leaves as
//! a promise in `window.fujinPeers`.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The loaded peers module.
pub struct Peers {
    module: JsValue,
}

impl Peers {
    /// Waits for the module; an error says why it is not there (the
    /// packages not installed, say).
    pub async fn load() -> Result<Self, String> {
        let window = web_sys::window().ok_or("no window")?;
        let promise = Reflect::get(&window, &"fujinPeers".into())
            .ok()
            .and_then(|p| p.dyn_into::<Promise>().ok())
            .ok_or("bench.html did not start importing the peers")?;
        let module =
            JsFuture::from(promise).await.map_err(|e| format!("the JS peers did not load: {e:?}"))?;
        Ok(Self { module })
    }

    /// Calls the module's function `name`, which answers with numbers.
    pub fn call(&self, name: &str, args: &[JsValue]) -> Result<Vec<f64>, String> {
        let function: Function = Reflect::get(&self.module, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("peers.js has no function {name}"))?;
        let args: Array = args.iter().collect();
        let result = function.apply(&JsValue::NULL, &args).map_err(|e| format!("{name} threw: {e:?}"))?;
        Ok(Array::from(&result).iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect())
    }
}
