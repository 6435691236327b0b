"""The `hocvuso` commands that build and hand out the site: `build`, `serve`, `dist`, `onefile`, `verify`.

Each reads the course as `mkdocs.yml` describes it (`cli.setup`) and builds through the MkDocs
adapter's host (`generator/mkdocs_plugin/host.py`); every message comes from the catalogue.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
from pathlib import Path

from . import dist, onefile, verify
from .messages import dist_text


def course_setup(args, site_dir: str | None = None):
    """The course as `mkdocs.yml` describes it (the same options MkDocs reads)."""
    from .mkdocs_plugin import host

    return host.read_setup(Path(args.root), site_dir)


def cmd_build(args) -> int:
    """Build the site with MkDocs (same as `mkdocs build`, without the traceback on bad input)."""
    from .mkdocs_plugin import host

    setup = course_setup(args, args.site_dir)
    host.build(setup)
    print(dist_text("built", site=setup.site_dir, files=_count_files(setup.site_dir)))
    return 0


def cmd_serve(args) -> int:
    """The live preview for authors, without MkDocs' English banner."""
    from .mkdocs_plugin import host

    host.serve(course_setup(args), args.dev_addr)
    return 0


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def _write_onefiles(built, setup, site: Path, out: Path, date: str) -> int:
    dist.replace_atomically(
        out, lambda folder: onefile.write_onefiles(built.course, built.pages, site, folder, setup.site_name, date)
    )
    written = sorted(out.iterdir())
    for path in written:
        print(dist_text("onefile_written", path=path, size=dist.human_size(path.stat().st_size)))
    return len(written)


def cmd_dist(args) -> int:
    """Build into a temporary folder, replace the site only if that succeeded, then write the
    one-file editions and the zip for USB sticks. Leftovers of an interrupted run go first."""
    from .mkdocs_plugin import host

    setup = course_setup(args, args.site_dir)
    site = setup.site_dir
    out = Path(args.out) if args.out else setup.project.root / "dist"
    swapped = False  # once the new site is in place, a later failure no longer concerns it

    def failed(text: str) -> int:
        print(text, file=sys.stderr)
        if not swapped:
            print(dist_text("kept", site=site), file=sys.stderr)
        return 1

    def portable_build(folder: Path):
        """The build, refused when a file name could not travel on a USB stick (see dist)."""
        built = host.build(setup, folder, keep_pages=True)
        dist.check_portable_names(folder)
        return built

    try:
        restored = dist.clean_leftovers(site)
        if restored:
            print(dist_text("restored", site=site, old=restored.name))
        dist.clean_leftovers(out / dist.ONEFILE_FOLDER)
        dist.clean_temp_zips(out)
        built = dist.replace_atomically(site, portable_build)
        swapped = True
        print(dist_text("built", site=site, files=_count_files(site)))
        date = datetime.date.today().isoformat()
        _write_onefiles(built, setup, site, out / dist.ONEFILE_FOLDER, date)
        package = dist.write_zip(
            out / f"hocvuso-{date}.zip",
            f"hocvuso-{date}",
            {dist.SITE_FOLDER: site, dist.ONEFILE_FOLDER: out / dist.ONEFILE_FOLDER},
            dist.readme_text(setup.site_name, date),
        )
    except (host.HostError, dist.DistError) as exc:
        return failed(str(exc))
    except OSError as exc:  # a full disk, a folder we may not write: the path, not a traceback
        return failed(dist.os_error_text(exc, out if swapped else site))
    except Exception:  # a bug, not the teacher's mistake: the traceback matters, and so does the site
        if not swapped:
            print(dist_text("kept", site=site), file=sys.stderr)
        raise
    print(
        dist_text(
            "zip_written", path=package.path, size=dist.human_size(package.path.stat().st_size), files=package.files
        )
    )
    print(dist_text("fingerprint", code=package.fingerprint))
    return 0


def cmd_onefile(args) -> int:
    """Write the one-file edition of each area; the site is built in a temporary folder."""
    from .mkdocs_plugin import host

    setup = course_setup(args)
    out = Path(args.out) if args.out else setup.project.root / "dist" / dist.ONEFILE_FOLDER
    with tempfile.TemporaryDirectory(prefix="hocvuso-") as tmp:
        try:
            built = host.build(setup, Path(tmp) / "site", keep_pages=True)
            dist.clean_leftovers(out)
            count = _write_onefiles(built, setup, Path(tmp) / "site", out, datetime.date.today().isoformat())
        except OSError as exc:  # a full disk, a folder we may not write
            print(dist.os_error_text(exc, out), file=sys.stderr)
            return 1
    print(dist_text("onefile_done", count=count, out=out))
    return 0


def cmd_verify(args) -> int:
    """Check a copied folder or zip against its SHA256SUMS."""
    try:
        result = verify.verify(Path(args.path))
    except dist.DistError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for line in verify.iter_report(result):
        print(line)
    return 0 if result.ok else 1
