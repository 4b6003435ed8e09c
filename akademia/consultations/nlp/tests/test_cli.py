import csv
import io

import pytest

from akademia.consultations.nlp.blocks import BLOCKS
from akademia.consultations.nlp.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def read(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_comma_file_gets_block_and_confidence_and_keeps_columns(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        'id,text,jst\n1,"Grupy max 15 osób, nie więcej",Kutno\n2,wiecej warsztatow,Jędrzejów\n',
        encoding="utf-8",
    )
    code, out, err = run(source, tmp_path / "out.csv")
    assert code == 0, err
    assert "2 comments" in out
    rows = read(tmp_path / "out.csv")
    assert list(rows[0]) == ["id", "text", "jst", "block", "confidence"]
    assert [row["jst"] for row in rows] == ["Kutno", "Jędrzejów"]
    assert rows[0]["block"] == "organisation.groups"
    for row in rows:
        assert row["block"] in BLOCKS
        assert 0 < float(row["confidence"]) <= 1


def test_semicolon_file_with_bom_keeps_delimiter_and_bom(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(
        "\ufefftext;autor\nZjazdy w soboty odpadają, tylko dni robocze;Nowak\n;pusta\n".encode()
    )
    code, _, err = run(source, tmp_path / "out.csv")
    assert code == 0, err
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read(tmp_path / "out.csv", delimiter=";")
    assert rows[0]["autor"] == "Nowak"
    assert rows[0]["block"] == "organisation.schedule"
    assert rows[1]["block"] == rows[1]["confidence"] == ""


def test_missing_text_column_is_a_clear_error(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id;uwaga\n1;Za dużo modułów\n", encoding="utf-8")
    code, _, err = run(source, tmp_path / "out.csv")
    assert code == 2
    assert "no `text` column" in err and "uwaga" in err
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    "content",
    [b"", "text\nZa du\u017co\n".encode("cp1250")],
    ids=["empty", "not-utf8"],
)
def test_unreadable_input_exits_2(tmp_path, content):
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    code, _, err = run(source, tmp_path / "out.csv")
    assert code == 2
    assert "error" in err


def test_missing_file_and_bad_arguments(tmp_path):
    code, _, err = run(tmp_path / "nope.csv", tmp_path / "out.csv")
    assert code == 2 and "cannot read" in err
    code, _, err = run()
    assert code == 2 and "usage" in err


def test_saved_model_can_be_used(tmp_path):
    from akademia.consultations.nlp import default_model

    model_path = tmp_path / "model.bin"
    model_path.write_bytes(default_model().to_bytes())
    source = tmp_path / "in.csv"
    source.write_text("text\nbrakuje tematu zamowien publicznych\n", encoding="utf-8")
    code, _, err = run(source, tmp_path / "out.csv", "--model", model_path)
    assert code == 0, err
    assert read(tmp_path / "out.csv")[0]["block"] == "scope"
    (tmp_path / "junk.bin").write_bytes(b"not a model")
    code, _, err = run(source, tmp_path / "out.csv", "--model", tmp_path / "junk.bin")
    assert code == 2 and "not a saved classifier" in err
