"""Reads gunicorn.conf.py files exactly as gunicorn 20.1 does and reports, for each, the names it assigns
that gunicorn does not know (20.1 ignores them without a word, so a misspelt setting silently does nothing),
the values gunicorn ends up with, and whether the worker class imports.

Run with Debian's /usr/bin/python3 (the one with gunicorn 20.1): python3 gunicorn_settings.py FILE...
Prints one JSON object per file, as a JSON list.
"""
import inspect
import json
import sys

from gunicorn.app.base import Application
from gunicorn.config import KNOWN_SETTINGS, Config

KNOWN = {s.name for s in KNOWN_SETTINGS}


def assigned_names(namespace):
    # What a config file defines, not what it imports or the module's own dunders.
    return {
        k: v
        for k, v in namespace.items()
        if not k.startswith("__") and not inspect.ismodule(v) and not inspect.isclass(v)
        and not inspect.isfunction(v)
    }


def check(path):
    result = {"path": path, "unknown": [], "invalid": {}, "settings": {}, "workerClass": None}
    try:
        # The same loader gunicorn uses for -c (it does not use self); it exits on a broken file.
        namespace = Application.get_config_from_filename(None, path)
    except SystemExit:
        result["invalid"]["<file>"] = "gunicorn could not read it (traceback on stderr)"
        return result
    cfg = Config()
    for name, value in assigned_names(namespace).items():
        if name not in KNOWN:
            result["unknown"].append(name)
            continue
        try:
            cfg.set(name, value)  # runs gunicorn's own validator for the setting
        except Exception as exc:  # noqa: BLE001 - any validator error is a finding
            result["invalid"][name] = str(exc)
            continue
        result["settings"][name] = cfg.settings[name].get()
    try:
        result["workerClass"] = "%s.%s" % (cfg.worker_class.__module__, cfg.worker_class.__name__)
    except Exception as exc:  # noqa: BLE001
        result["invalid"]["worker_class"] = "cannot load: %s" % exc
    return result


if __name__ == "__main__":
    print(json.dumps([check(p) for p in sys.argv[1:]]))
