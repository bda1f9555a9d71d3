"""``generate``: plan the demo, render its files and write its history into a new repository."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kinerja.demo import synth
from kinerja.demo.clock import OfficeClock
from kinerja.demo.data import Context, unit_code
from kinerja.demo.fastimport import FastImport, init_repository, run_git
from kinerja.demo.identity import (
    commit_identity,
    merge_identity,
    merge_message,
    pull_url,
    trailer_identity,
    trust_file,
)
from kinerja.demo.model import DemoInfo, PeriodInfo, Scale
from kinerja.demo.plan import Planner
from kinerja.demo.readme import GITATTRIBUTES, GITIGNORE, readme_text
from kinerja.demo.render import render_all
from kinerja.demo.signpass import sign_landings
from kinerja.demo.source import DemoError, load_source
from kinerja.demo.timeline import Blob, Direct, PullRequest
from kinerja.forge.codeowners import path_for, render
from kinerja.history.people import roster_from_organisation
from kinerja.history.trust import TRUST_FILE
from kinerja.model import Config
from kinerja.model.layout import INDICATORS, ORGANISATION, classify
from kinerja.signing import demo_key, public_line
from kinerja.write import dump_yaml

BRANCH_REF = "refs/demo/cabang"


def _config_files(
    source: Path | None, scale: Scale | None, today: date, seed: int
) -> tuple[Config, dict[str, bytes], list[str] | None]:
    src = load_source(source)
    files = dict(src.files)
    if scale is None:
        return Config.from_data(src.organisation, src.indicators), files, None
    rng = random.Random(f"{seed}|sintetis")  # noqa: S311 - example data, not security
    organisation = synth.organisation(src.organisation, scale, rng)
    units = [synth.unit_id(i) for i in range(1, scale.units + 1)]
    years = list(range(today.year - scale.years - 1, today.year + 2))
    indicators = synth.indicators(scale, units, years, rng)
    files[ORGANISATION] = dump_yaml(
        organisation, header=synth.ORGANISATION_HEADER, spaced=True
    ).encode("utf-8")
    files[INDICATORS] = dump_yaml(indicators, header=synth.INDICATORS_HEADER, spaced=True).encode(
        "utf-8"
    )
    return Config.from_data(organisation, indicators), files, units


def generate(
    dest: Path,
    *,
    today: date | None = None,
    scale: Scale | None = None,
    seed: int = 1,
    source: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoInfo:
    """Create the example tracker repository at ``dest`` (a new or empty folder).

    ``scale`` None uses the shipped configuration of ``source`` (default: the repository this
    package belongs to); otherwise a synthetic organisation of that size. The same ``seed`` and
    ``today`` always give the same commits. Raises :class:`DemoError` (Indonesian message).
    ``progress(stage, done, total)`` is told of the files rendered (stage ``"berkas"``), then
    of the commits written (``"commit"``), for long runs on a terminal.
    """
    started = time.perf_counter()
    today = today or date.today()
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise DemoError(f"folder {dest} sudah ada dan tidak kosong")
    config, files, units = _config_files(source, scale, today, seed)
    org = config.organisation
    clock = OfficeClock.from_settings(config.settings.raw)
    ctx = Context(
        config=config,
        seed=seed,
        documents_per_submission=scale.documents_per_submission if scale else None,
        unit_codes={u.id: unit_code(u.singkatan) for u in org.units.values()},
    )
    planner = Planner(ctx, clock, today, scale=scale, data_units=units, seed=seed)
    planner.plan()
    if not planner.periods:
        raise DemoError("tidak ada periode yang permintaannya terbit sebelum tanggal itu")
    statuses = planner.statuses()
    periods = tuple(
        PeriodInfo(
            id=p.period.id,
            label=p.period.label,
            requested=p.requested,
            deadline=p.deadline,
            open=p.open,
            status=planner.period_status(p),
            recipients=tuple(r.unit for r in p.recipients),
            formats=dict(p.formats),
        )
        for p in planner.periods
    )
    files["README.md"] = readme_text(
        org,
        today=today,
        seed=seed,
        synthetic=scale is not None,
        periods=periods,
        statuses=statuses,
        marked=planner.marked,
    ).encode("utf-8")
    # The forge's owner rules, as `kinerja codeowners` writes them: every path has an owner.
    forge_kind = org.forge.jenis or "github"
    files[path_for(forge_kind)] = render(roster_from_organisation(org), forge_kind).encode()
    files[".gitignore"] = GITIGNORE.encode()
    files[".gitattributes"] = GITATTRIBUTES.encode()
    key = demo_key(f"{seed}|{today.isoformat()}")
    files[TRUST_FILE] = trust_file(org.forge, public_line(key)).encode()
    root = planner.marked["konfigurasi"]
    if not isinstance(root, Direct):
        raise TypeError("the first landing must be the configuration commit")
    root.commit.files = [Blob(path, "static", payload=files[path]) for path in sorted(files)]

    init_repository(dest, org.forge.cabang or "main")
    writer = FastImport(dest)
    try:
        tree, marks = _write(writer, planner, ctx, jobs, progress)
    except BaseException:
        writer.abort()
        raise
    run_git(dest, "update-ref", "-d", BRANCH_REF)
    # The landings the merge identity writes are signed (the root too: it anchors the trust
    # file); the direct pushes, the forgery and the branch commits are not.
    chosen = {marks[root.commit.mark]} | {
        marks[landing.mark] for landing in planner.landings if isinstance(landing, PullRequest)
    }
    renamed = sign_landings(dest, f"refs/heads/{org.forge.cabang or 'main'}", chosen, key)
    marks = {mark: renamed.get(sha, sha) for mark, sha in marks.items()}
    run_git(dest, "reset", "--hard", "--quiet")
    head = run_git(dest, "rev-parse", "HEAD").strip()
    return DemoInfo(
        root=dest.resolve(),
        today=today,
        now=planner.now,
        seed=seed,
        periods=periods,
        statuses=statuses,
        commits=writer.commits,
        merges=sum(isinstance(landing, PullRequest) for landing in planner.landings),
        files=len(tree),
        submissions=sum(classify(path).kind == "submisi" for path in tree),
        seconds=time.perf_counter() - started,
        head=head,
        marked={label: marks[_mark(landing)] for label, landing in planner.marked.items()},
        planted=tuple(planner.planted),
    )


def _mark(landing: PullRequest | Direct) -> int:
    return landing.mark if isinstance(landing, PullRequest) else landing.commit.mark


def _write(
    writer: FastImport,
    planner: Planner,
    ctx: Context,
    jobs: int | None,
    progress: Callable[[str, int, int], None] | None,
) -> tuple[dict[str, int], dict[int, str]]:
    org = ctx.config.organisation
    forge = org.forge
    people = org.people
    blobs = [
        blob
        for landing in planner.landings
        for commit in ([landing.commit] if isinstance(landing, Direct) else landing.commits)
        for blob in commit.files
    ]
    for done, (blob, content) in enumerate(
        zip(blobs, render_all(blobs, ctx, jobs), strict=True), start=1
    ):
        blob.mark = writer.blob(content)
        if progress and (done % 500 == 0 or done == len(blobs)):
            progress("berkas", done, len(blobs))

    def who(person_id: str, moment: object) -> tuple[str, str, object]:
        name, email = commit_identity(people[person_id], forge)
        return name, email, moment

    main_ref = f"refs/heads/{forge.cabang or 'main'}"
    tree: dict[str, int] = {}
    main = 0
    after: list[int] = []  # main-line mark after each landing
    bot_name, bot_email = merge_identity(forge)
    for done, landing in enumerate(planner.landings, start=1):
        if progress and (done % 500 == 0 or done == len(planner.landings)):
            progress("commit", done, len(planner.landings))
        if isinstance(landing, Direct):
            commit = landing.commit
            files = [(b.path, b.mark) for b in commit.files]
            # The root commit is the anchor of the trust file: the merge identity writes it.
            committer = (
                who(commit.author, commit.committed)
                if main
                else (bot_name, bot_email, commit.committed)
            )
            commit.mark = main = writer.commit(
                main_ref,
                author=who(commit.author, commit.authored),  # type: ignore[arg-type]
                committer=committer,  # type: ignore[arg-type]
                message=commit.message + "\n",
                parents=[main] if main else [],
                files=files,
            )
        else:
            parent = after[landing.base]
            final: dict[str, int] = {}
            for commit in landing.commits:
                files = [(b.path, b.mark) for b in commit.files]
                final.update(files)
                commit.mark = parent = writer.commit(
                    BRANCH_REF,
                    author=who(commit.author, commit.authored),  # type: ignore[arg-type]
                    committer=who(commit.author, commit.committed),  # type: ignore[arg-type]
                    message=commit.message + "\n",
                    parents=[parent],
                    files=files,
                )
            message = merge_message(
                landing.title,
                landing.number,
                landing.body,
                reviewers=[trailer_identity(people[p], forge) for p in landing.reviewers],
                approvers=[trailer_identity(people[p], forge) for p in landing.approvers],
                url=pull_url(forge, landing.number),
                opened=landing.opened,
            )
            merger = commit_identity(people[landing.merger], forge)
            landing.mark = main = writer.commit(
                main_ref,
                author=(*merger, landing.merged),
                committer=(bot_name, bot_email, landing.merged),
                message=message,
                parents=[main, parent],
                files=sorted(final.items()),
            )
            files = sorted(final.items())
        tree.update(files)
        after.append(main)
    return tree, writer.finish()
