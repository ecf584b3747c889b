"""Turn a kit into a live preview in the browser: a local web server, a file watcher, and a page that follows each save."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import multiprocessing
import os
import signal
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..commands.load import load
from ..errors import HandoutsError, Problem
from ..files import tool_folder
from ..i18n import language_status
from ..kit import KIT_FILE, load_kit
from ..languages import SOURCE_LANGUAGE
from .previewer import VIEW_PRODUCTS, OtherProducts, Previewer, PreviewResult, View, is_picture_name

LOOPBACK = "127.0.0.1"
PAGE_TEMPLATE = "preview.html.j2"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass
class PreviewState:
    """What the page shows: the kit's choices, each view made so far, and what is still being made."""

    kit_dir: Path
    view: View | None = None
    results: dict[View, PreviewResult] = field(default_factory=dict)
    making: list[str] = field(default_factory=list)  # languages of the open view still being made
    kit_problems: tuple[Problem, ...] = ()  # the kit file itself does not read
    translations: dict[str, dict | None] = field(default_factory=dict)  # each language's status, as last made
    # The open view's document in its language, as every product makes it: a build refuses what does not fit
    # in any of them, though the page shows one.
    others: dict[View, OtherProducts] = field(default_factory=dict)
    generation: int = 0  # raised at every change of what the page shows

    def choices(self) -> dict:
        try:
            kit = load_kit(self.kit_dir)
        except HandoutsError:
            return {"documents": [], "languages": [], "products": []}
        return {"documents": [{"name": document.name, "products": [p for p in document.products
                                                                     if p in VIEW_PRODUCTS]}
                              # The "I speak" cards take every language at once: a build shows them, not a view.
                              for document in kit.documents if not document.is_for_every_language],
                "languages": [{"code": code, "name": language.english_name, "own_name": language.own_name}
                              for code, language in kit.languages.items()]}


def translation_status(kit_dir: Path, language: str) -> dict | None:
    """The language's translation status as `handouts status` gives it; None for English or a broken kit."""
    if language == SOURCE_LANGUAGE:
        return None
    try:
        loaded = load(kit_dir, languages=(language,))
    except HandoutsError:
        return None
    status = language_status(loaded.translations[language], loaded.kit.languages[language].english_name)
    return {"translated": status.translated, "fuzzy": status.fuzzy, "missing": status.missing,
            "review": status.review}


class PreviewServer:
    """The watcher and the builder, one thread making views so that a save is never made twice at once."""

    def __init__(self, kit_dir: Path):
        self.kit_dir = kit_dir.resolve()
        self.state = PreviewState(self.kit_dir)
        self.previewer = Previewer(self.kit_dir)
        self._builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")
        self._changed = asyncio.Event()
        self._published = asyncio.Condition()
        # Called when a font or a kit folder of templates or fonts comes or goes: serve() starts again afresh.
        self.restart = lambda: None

    def watched_folders(self) -> list[Path]:
        """The kit's content and catalogs, templates and fonts, and the tool's templates and fonts."""
        paths = [self.kit_dir / "content", tool_folder("templates"), tool_folder("fonts")]
        paths += [self.kit_dir / name for name in ("templates", "fonts") if (self.kit_dir / name).is_dir()]
        return list(dict.fromkeys(path.resolve() for path in paths if path.exists()))

    def open(self, view: View) -> None:
        """The page asks for a view: make it first, then the other languages."""
        if view != self.state.view:
            self.state.view = view
            self._changed.set()

    async def publish(self) -> None:
        async with self._published:
            self.state.generation += 1
            self._published.notify_all()

    async def wait_for_change(self, seen: int) -> int:
        async with self._published:
            await self._published.wait_for(lambda: self.state.generation != seen)
            return self.state.generation

    async def watch(self) -> None:
        """Each save, as the operating system reports it (no polling of the files)."""
        from watchfiles import awatch

        def hidden(path: str) -> bool:
            return Path(path).name.startswith(".")  # an editor's swap file, a partial write

        async def folders() -> None:
            async for changes in awatch(*self.watched_folders(), watch_filter=lambda change, path: not hidden(path),
                                        debounce=50, step=20):
                if any(Path(path).suffix.lower() in FONT_SUFFIXES for _, path in changes):
                    # Fontconfig reads its fonts once per process: a changed font needs a fresh one.
                    self.restart()
                    return
                self._changed.set()

        async def kit_file() -> None:
            # The kit's own folder, not into it: it may hold output/, a virtual environment, a Git history.
            own_folders = {name for name in ("templates", "fonts") if (self.kit_dir / name).is_dir()}
            async for changes in awatch(self.kit_dir, recursive=False, debounce=50, step=20,
                                        watch_filter=lambda change, path: Path(path).name in (
                                            KIT_FILE, "templates", "fonts")):
                now = {name for name in ("templates", "fonts") if (self.kit_dir / name).is_dir()}
                if now != own_folders:
                    # The kit now has templates or fonts of its own, or no longer: watch them from the start.
                    self.restart()
                    return
                self._changed.set()

        await asyncio.gather(folders(), kit_file())

    @contextlib.asynccontextmanager
    async def running(self, app=None):
        """The watcher and the builder, for as long as the app serves (its lifespan)."""
        tasks = [asyncio.create_task(self.watch()), asyncio.create_task(self.build_forever())]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def build_forever(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._changed.wait()
            self._changed.clear()
            view = self.state.view
            if view is None:
                continue
            try:
                kit = load_kit(self.kit_dir)
                self.state.kit_problems = ()
            except HandoutsError as error:
                self.state.kit_problems = tuple(error.problems)
                self.state.results = {key: dataclasses.replace(result, problems=tuple(error.problems))
                                      for key, result in self.state.results.items()}
                await self.publish()
                continue
            if view.language not in kit.languages:
                view = dataclasses.replace(view, language=SOURCE_LANGUAGE)
            others = [code for code in kit.languages if code != view.language]
            self.state.making = [view.language, *others]
            await self.publish()
            for code in [view.language, *others]:
                if self._changed.is_set():
                    break  # a newer save, or another view: start again with the open one
                one = dataclasses.replace(view, language=code)
                result, translation = await loop.run_in_executor(self._builder, self._make, one)
                self.state.results[one] = result
                self.state.translations[code] = translation
                self.state.making = [other for other in self.state.making if other != code]
                await self.publish()
                if code == view.language and not self._changed.is_set():
                    self.state.others.pop(one, None)
                    self.state.others[one] = await loop.run_in_executor(self._builder, self.previewer.check_others,
                                                                        one)
                    await self.publish()

    def _make(self, view: View) -> tuple[PreviewResult, dict | None]:
        """The view and its language's translation status, made in the builder's thread."""
        try:
            return self.previewer.make(view), translation_status(self.kit_dir, view.language)
        except Exception as error:  # the server never dies on bad content, nor on a mistake of its own
            return PreviewResult(view, self.previewer.last_good.get(view, ()), (Problem(
                f"internal error while making the preview: {type(error).__name__}: {error}. This is a bug in "
                "handouts; please report it."),)), None

    def state_for(self, view: View) -> dict:
        result = self.state.results.get(view)
        making = view.language in self.state.making
        return {
            "generation": self.state.generation,
            "view": dataclasses.asdict(view),
            "choices": self.state.choices(),
            "result": result.as_dict() if result else None,
            "making": self.state.making,
            "being_made": making,
            "kit_problems": [str(problem) for problem in self.state.kit_problems],
            "translation": self.state.translations.get(view.language),
            "others": self.state.others[view].as_dict() if view in self.state.others else None,
        }


def make_app(server: PreviewServer, allowed_hosts: list[str]):
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
    from starlette.routing import Route

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tool_folder("templates")), autoescape=True,
                                     undefined=jinja2.StrictUndefined)

    def view_of(request) -> View:
        kit_choices = server.state.choices()
        documents = kit_choices["documents"]
        default_document = documents[0] if documents else {"name": "", "products": ["card"]}
        document = request.query_params.get("document", default_document["name"])
        products = next((d["products"] for d in documents if d["name"] == document), default_document["products"])
        product = request.query_params.get("product", products[0] if products else "card")
        language = request.query_params.get("language", SOURCE_LANGUAGE)
        return View(document, language, product)

    async def page(request):
        view = view_of(request)
        server.open(view)
        return HTMLResponse(environment.get_template(PAGE_TEMPLATE).render(view=view))

    async def state(request):
        view = view_of(request)
        server.open(view)
        return JSONResponse(server.state_for(view))

    async def events(request):
        async def stream():
            seen = -1
            yield "retry: 500\n\n"
            while True:
                try:
                    seen = await asyncio.wait_for(server.wait_for_change(seen), timeout=15)
                    yield f"data: {json.dumps({'generation': seen})}\n\n"
                except asyncio.TimeoutError:
                    yield ": still here\n\n"  # keeps the connection open through proxies and idle timers
                if await request.is_disconnected():
                    break
        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    async def picture(request):
        language, name = request.path_params["language"], request.path_params["name"]
        try:
            languages = load_kit(server.kit_dir).languages
        except HandoutsError:
            languages = {}
        if language not in languages or "/" in name or not is_picture_name(f"{language}/{name}"):
            return PlainTextResponse("Not found", status_code=404)
        data = server.previewer.picture(f"{language}/{name}")
        if data is None:
            return PlainTextResponse("Not found", status_code=404)
        return Response(data, media_type="image/png", headers={"Cache-Control": "no-store"})

    routes = [Route("/", page), Route("/state", state), Route("/events", events),
              Route("/pictures/{language}/{name}", picture)]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts),
                                                Middleware(SameOriginOnly)],
                     lifespan=server.running)


class SameOriginOnly:
    """Refuse what a page of another site asks of the preview (every request makes a view, or reads one):
    a request a browser marks as sent from another site (Sec-Fetch-Site), or naming another origin."""

    # "none": the address typed, or opened by `handouts serve --open`.
    ALLOWED_SITES = (b"same-origin", b"none")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not self._same_origin(dict(scope["headers"])):
            from starlette.responses import PlainTextResponse
            await PlainTextResponse("Refused: a request from another site.", status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _same_origin(self, headers: dict[bytes, bytes]) -> bool:
        site = headers.get(b"sec-fetch-site")
        if site is not None and site not in self.ALLOWED_SITES:
            return False
        origin = headers.get(b"origin")
        return origin is None or origin == b"http://" + headers.get(b"host", b"")


def allowed_hosts(host: str) -> list[str]:
    """The names the page may be asked for by: a DNS name that another site points at this machine is not one."""
    if host in ("0.0.0.0", "::"):
        return ["*"]
    return list(dict.fromkeys([host, "localhost", LOOPBACK]))


# The listening socket a server hands on to the fresh process that replaces it (see serve()).
INHERITED_SOCKET = "HANDOUTS_SERVE_SOCKET"


def listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket: made here, or inherited from the process this one replaced."""
    inherited = os.environ.pop(INHERITED_SOCKET, None)
    if inherited is not None:
        return socket.socket(fileno=int(inherited))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise HandoutsError([Problem(f"cannot listen on {host}:{port}: {error.strerror}.",
                                     fix="Choose another port with --port.")]) from None
    listener.listen(64)
    return listener


def _exit_on_signal(signal_number, frame) -> None:
    raise SystemExit(128 + signal_number)


def serve(kit_dir: Path, host: str = LOOPBACK, port: int = 8000, open_browser: bool = False,
          ready=lambda url: None) -> None:
    """Serve the preview until interrupted."""
    import uvicorn

    load_kit(kit_dir)  # a folder that is no kit is said at once, not in the page
    server = PreviewServer(kit_dir)
    app = make_app(server, allowed_hosts(host))
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=1,
                            lifespan="on")
    web = uvicorn.Server(config)
    listener = listening_socket(host, port)
    restart = threading.Event()

    def restart_server() -> None:
        restart.set()
        web.should_exit = True

    server.restart = restart_server

    async def main() -> None:
        serving = asyncio.create_task(web.serve(sockets=[listener]))
        while not web.started and not serving.done():
            await asyncio.sleep(0.05)
        if web.started:
            url = f"http://{'localhost' if host == LOOPBACK else host}:{port}/"
            ready(url)
            if open_browser:
                import webbrowser
                webbrowser.open(url)
        await serving

    # Kept open across the restart: a request that comes meanwhile waits, and no other program takes the port.
    kept = os.dup(listener.fileno())
    # Stopped by a signal, the server ends through here too (uvicorn, done serving, raises the signal
    # it caught again: by default that would end the process at once).
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        asyncio.run(main())
    finally:
        signal.signal(signal.SIGTERM, previous)
        # Worker processes this one forked (to prepare a font the kit added, say) would outlive it, idle, for
        # ever, whether it stops or starts afresh.
        for child in multiprocessing.active_children():
            child.kill()
            child.join()
    if restart.is_set():
        # The same command again, in this process's place, on the same socket; the page's event stream
        # reconnects by itself.
        os.set_inheritable(kept, True)
        os.environ[INHERITED_SOCKET] = str(kept)
        os.execv(sys.executable, sys.orig_argv)
    os.close(kept)
