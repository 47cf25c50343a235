//! A host steering one widget from outside (the JS API's `setCenter`,
//! `search`, `openDeal`, `setFeed`): commands sent before the widget runs
//! wait for it.

use std::cell::RefCell;
use std::rc::Rc;

use fujin_core::geo::LonLat;
use yew::prelude::*;

use crate::state::{Action, AppState};

/// What a host can ask of a running widget.
#[derive(Debug, Clone)]
pub enum RemoteCommand {
    /// Centre the map (and zoom, if given) without moving the search.
    SetCenter {
        /// The new centre, WGS-84.
        center: LonLat,
        /// The new zoom, if any.
        zoom: Option<f64>,
    },
    /// Search around a point.
    Search(LonLat),
    /// Open a deal's page by its id.
    OpenDeal(String),
    /// Load another feed (the host's choice, like the `feed` attribute).
    SetFeed(String),
    /// Change the view in place (an attribute changed after mount).
    Dispatch(Vec<Action>),
}

#[derive(Default)]
struct Inner {
    handler: Option<Callback<RemoteCommand>>,
    waiting: Vec<RemoteCommand>,
}

/// The host's end of the line to one widget. Clones share the line.
#[derive(Clone, Default)]
pub struct Remote(Rc<RefCell<Inner>>);

impl PartialEq for Remote {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remote")
    }
}

impl Remote {
    /// Sends a command: now if the widget runs, else when it starts.
    pub fn send(&self, command: RemoteCommand) {
        let handler = self.0.borrow().handler.clone();
        match handler {
            Some(handler) => handler.emit(command),
            None => self.0.borrow_mut().waiting.push(command),
        }
    }
}

/// Answers `remote`'s commands while the widget is mounted: view commands
/// become actions; a new feed goes to `set_feed`.
#[hook]
pub fn use_remote(
    remote: &Remote,
    state: &UseReducerHandle<AppState>,
    set_feed: UseStateSetter<Option<String>>,
) {
    let dispatch = state.dispatcher();
    use_effect_with(remote.clone(), move |remote| {
        let handler = Callback::from(move |command| match command {
            RemoteCommand::SetCenter { center, zoom } => {
                dispatch.dispatch(Action::CenterOn(center));
                if let Some(zoom) = zoom {
                    dispatch.dispatch(Action::ZoomTo(zoom));
                }
            }
            RemoteCommand::Search(at) => dispatch.dispatch(Action::SearchAt(at)),
            RemoteCommand::OpenDeal(id) => dispatch.dispatch(Action::OpenDeal(Some(id))),
            RemoteCommand::SetFeed(url) => set_feed.set(Some(url)),
            RemoteCommand::Dispatch(actions) => actions.into_iter().for_each(|a| dispatch.dispatch(a)),
        });
        let waiting = {
            let mut inner = remote.0.borrow_mut();
            inner.handler = Some(handler.clone());
            std::mem::take(&mut inner.waiting)
        };
        for command in waiting {
            handler.emit(command);
        }
        let remote = remote.clone();
        move || remote.0.borrow_mut().handler = None
    });
}
