"""A real browser (the system's Chromium, driven by Playwright) plays a hosted game from
joining to the ending, by keyboard and by touch-sized clicks, while the teacher's dashboard,
left open, fills in by itself through server-sent events."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import installed_command


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("the browser test needs Chromium: apt-get install chromium (.ci/run "
                    "installs it)")
    return path


@pytest.fixture
def hosted(session_file: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`class host` running for real: (the students' address, the dashboard address)."""
    process = subprocess.Popen(
        [installed_command(), "class", "host", str(session_file), "--port", "0", "--data",
         str(tmp_path / "records")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    output = ""
    deadline = time.monotonic() + 60
    while "Press Ctrl-C" not in output and time.monotonic() < deadline:
        output += process.stdout.readline()
    students = re.search(r"Students open:  (http://127\.0\.0\.1:\d+)/", output)
    teacher = re.search(r"(http://127\.0\.0\.1:\d+/teacher\?key=[\w-]+)", output)
    assert students and teacher, output
    try:
        yield students.group(1), teacher.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_game_from_join_to_ending_in_chromium_shows_on_the_dashboard(hosted) -> None:
    from playwright.sync_api import expect, sync_playwright

    students_url, dashboard_url = hosted
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(),
                                             args=["--no-sandbox"])
        try:
            teacher = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            problems: list[str] = []
            teacher.on("console", lambda m: problems.append(m.text)
                       if m.type == "error" else None)
            teacher.goto(dashboard_url)
            expect(teacher.locator(".counts")).to_contain_text("0 joined")

            phone = browser.new_context(viewport={"width": 360, "height": 740},
                                        has_touch=True).new_page()
            phone.on("console", lambda m: problems.append(m.text)
                     if m.type == "error" else None)
            phone.goto(students_url + "/")
            phone.get_by_label("Your name, as your instructor will see it:").fill("Zoya")
            phone.get_by_role("button", name="Join").click()
            expect(phone.locator("h1")).to_contain_text("First Steps")
            expect(teacher.locator(".counts")).to_contain_text("1 joined", timeout=5000)
            phone.get_by_role("button", name="Begin").click()
            expect(phone.locator("h1")).to_contain_text("The first 2+2")
            # the first decision by keyboard alone: Tab to the first option, Enter
            for _ in range(30):
                phone.keyboard.press("Tab")
                if phone.evaluate("document.activeElement.classList.contains('option')"):
                    break
            phone.keyboard.press("Enter")
            expect(phone.locator("#outcome-heading")).to_have_text("You chose: Sign COMCASA")
            expect(phone.locator("[aria-live=polite]")).to_have_count(1)
            expect(teacher.locator("#panel")).to_contain_text("Sign COMCASA 1 (100%)",
                                                              timeout=5000)
            for _ in range(20):
                continuing = phone.locator("form[action='/continue'] button")
                if continuing.count():
                    continuing.click()
                    phone.wait_for_load_state()
                    continue
                option = phone.locator("button.option:not([disabled])")
                if option.count() == 0:
                    break
                option.last.click()
                phone.wait_for_load_state()
            expect(phone.locator("h1")).to_contain_text("Ending:")
            ending = phone.locator("h1").inner_text().removeprefix("Ending: ")
            expect(phone.get_by_role("heading", name="Your decisions")).to_be_visible()
            expect(phone.locator("svg.chart")).to_be_visible()
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360
            # the dashboard, never reloaded, has the finished game
            expect(teacher.locator(".counts")).to_contain_text("1 finished", timeout=5000)
            expect(teacher.locator(".students")).to_contain_text(ending)
            expect(teacher.locator(".endings")).to_contain_text(f"{ending}: 1")
            assert problems == []
        finally:
            browser.close()


def test_a_long_unbroken_name_wraps_on_a_phone(hosted) -> None:
    """A name of 60 letters with no space (the longest the server keeps) wraps in the student's
    header and in the teacher's table: neither page scrolls sideways on a phone."""
    from playwright.sync_api import expect, sync_playwright

    students_url, dashboard_url = hosted
    name = "L" * 60
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(),
                                             args=["--no-sandbox"])
        try:
            phone = browser.new_context(viewport={"width": 390, "height": 844},
                                        has_touch=True).new_page()
            phone.goto(students_url + "/")
            phone.get_by_label("Your name, as your instructor will see it:").fill(name)
            phone.get_by_role("button", name="Join").click()
            expect(phone.locator(".who")).to_contain_text(name)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            phone.get_by_role("button", name="Begin").click()
            expect(phone.locator("button.option").first).to_be_visible()
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            teacher = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            teacher.goto(dashboard_url)
            expect(teacher.locator(".students")).to_contain_text(name)
            assert teacher.evaluate("document.documentElement.scrollWidth") <= 390
        finally:
            browser.close()
