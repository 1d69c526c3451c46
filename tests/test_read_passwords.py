"""passwords.yml: file name -> password, looked up by relative path then bare name, never quoted anywhere."""

from __future__ import annotations

from pipeline.read.passwords import PASSWORDS_FILE, load_passwords


def test_no_passwords_file_means_no_passwords(tmp_path):
    passwords = load_passwords(tmp_path)
    assert passwords.lookup("report.pdf") is None and passwords.problem is None


def test_lookup_by_relative_path_then_by_bare_name(tmp_path):
    (tmp_path / PASSWORDS_FILE).write_text("audits/review.pdf: inner\nreview.pdf: outer\nother.pdf: x\n")
    passwords = load_passwords(tmp_path)
    assert passwords.lookup("audits/review.pdf") == "inner"
    assert passwords.lookup("2022/review.pdf") == "outer"
    assert passwords.lookup("review.pdf") == "outer"
    assert passwords.lookup("missing.pdf") is None


def test_passwords_are_kept_exactly_as_written(tmp_path):
    # Plain YAML would read 0123 as the octal number 83, yes as True and 1.50 as 1.5.
    (tmp_path / PASSWORDS_FILE).write_text("a.pdf: 0123\nb.pdf: yes\nc.pdf: 1.50\n'd e.pdf': \"p: w#1\"\n")
    passwords = load_passwords(tmp_path)
    assert [passwords.lookup(n) for n in ("a.pdf", "b.pdf", "c.pdf", "d e.pdf")] == ["0123", "yes", "1.50", "p: w#1"]


def test_invalid_yaml_is_reported_by_line_without_quoting_it(tmp_path):
    (tmp_path / PASSWORDS_FILE).write_text("good.pdf: fine\nbad.pdf: [unclosed s3cr3t-value\n")
    passwords = load_passwords(tmp_path)
    assert passwords.lookup("good.pdf") is None
    assert "not valid YAML" in passwords.problem and "line" in passwords.problem
    assert "s3cr3t" not in passwords.problem


def test_a_file_that_is_not_a_mapping_is_reported(tmp_path):
    (tmp_path / PASSWORDS_FILE).write_text("- report.pdf\n- s3cr3t\n")
    passwords = load_passwords(tmp_path)
    assert "must map file names to passwords" in passwords.problem and "s3cr3t" not in passwords.problem


def test_passwords_never_show_in_a_repr(tmp_path):
    (tmp_path / PASSWORDS_FILE).write_text("report.pdf: s3cr3t\n")
    passwords = load_passwords(tmp_path)
    assert "s3cr3t" not in repr(passwords) and "1 entries" in repr(passwords)
