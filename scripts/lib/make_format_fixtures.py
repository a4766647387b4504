"""Writes the PDF and Word test files of doc-readers/tests/files/ from the
invented bulletins in doc-readers/tests/files/source/ (run by
scripts/make-format-fixtures.sh, which sets up the tools).

- *.doc             LibreOffice (Word 97), headlines bold
- *-lo.pdf          LibreOffice PDF export: embedded CJK TrueType subsets,
                    Type0/Identity-H with ToUnicode
- qingfeng-run-in.pdf
                    LibreOffice, each bold headline run into its body with
                    no space: only the bold tells where the headline ends
- *-rl-ttf.pdf      reportlab with an embedded TTF: simple-font subsets
- *-rl-cid.pdf      reportlab CID font STSong-Light, not embedded:
                    predefined CMap UniGB-UCS2-H, no ToUnicode
- *-fpdf.pdf        fpdf2: Type0 Identity-H with ToUnicode, xref stream off
- long-lo.pdf       a generated 20-page bulletin (timing)
- qingfeng-objstm.pdf
                    qpdf: the LibreOffice PDF with object streams and a
                    cross-reference stream
- scan.pdf          one page holding only an image (a "scan")
- encrypted.pdf     qpdf, 128-bit AES with a user password (refused)
- protected-aes128.pdf, protected-rc4.pdf
                    qpdf, no user password, only an owner password (copy
                    protection): read like any viewer reads them
- no-map.pdf        an Identity-H font without ToUnicode (garbage if read)
"""
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILES = os.path.join(ROOT, "doc-readers", "tests", "files")
SOURCE = os.path.join(FILES, "source")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

HEADLINE = re.compile(r"^(\S+?)  (.*)$")


def long_bulletin():
    """A 20-page bulletin, generated from a fixed seed (invented text)."""
    rnd = random.Random(20250601)
    units = ["县发改委", "县财政局", "县教育局", "县水利局", "县交通运输局", "县商务局", "县医保局",
             "县文旅局", "城关镇", "石桥镇", "东湖乡", "北岗镇", "县供电公司", "县林业局"]
    verbs = [("扎实推进", "重点项目建设"), ("全力做好", "稳就业工作"), ("持续优化", "营商环境"),
             ("深入开展", "安全隐患排查"), ("加快推进", "农村公路建设"), ("积极开展", "惠民政策宣传"),
             ("强化", "资金监管"), ("精心组织", "文化惠民活动")]
    clauses = [lambda: f"累计完成投资 {rnd.randint(2, 90)}.{rnd.randint(1, 9)} 亿元",
               lambda: f"同比增长 {rnd.randint(1, 30)}.{rnd.randint(1, 9)}%",
               lambda: f"惠及群众 {rnd.randint(120, 9800)} 人",
               lambda: f"发放补贴资金 {rnd.randint(30, 900)} 余万元",
               lambda: f"排查整改隐患 {rnd.randint(12, 480)} 处",
               lambda: f"开展培训 {rnd.randint(3, 40)} 场次",
               lambda: f"服务企业 {rnd.randint(8, 300)} 家",
               lambda: f"新建道路 {rnd.randint(2, 60)}.{rnd.randint(1, 9)} 公里"]
    glue = ["围绕年度目标任务，", "坚持问题导向，", "对照责任清单，", "通过专班推进、定期调度，", "今年以来，"]
    lines = ["云岭政务快报", "", "第 42 期", "", "云岭县人民政府办公室  2025 年 9 月 8 日", ""]
    sections = ["重点工作", "项目建设", "民生保障", "乡村振兴", "基层动态"]
    for s, section in enumerate(sections):
        lines += [f"【{section}】", ""]
        for _ in range(40):
            unit = rnd.choice(units)
            verb, topic = rnd.choice(verbs)
            body = "".join(rnd.choice(glue) + unit + "，".join(rnd.choice(clauses)() for _ in range(3)) + "。" for _ in range(4))
            lines += [f"{unit}{verb}{topic}  {body}（{unit}）", ""]
    lines += ["本期发：县委常委，县人大常委会、县政协主要负责同志，各乡镇人民政府。", "", "责任编辑：林思远"]
    return "\n".join(lines) + "\n"


def to_html(text, gap="  "):
    """The bulletin as a web page: one <p> per line, headlines in <b>,
    `gap` between a headline and its body."""
    paras = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = HEADLINE.match(line)
        if m and not line.startswith(("本期发", "责任编辑", "报：", "送：")) and "人民政府办公室" not in line:
            paras.append(f"<p><b>{html.escape(m.group(1))}</b>{gap}{html.escape(m.group(2))}</p>")
        else:
            paras.append(f"<p>{html.escape(line)}</p>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
            "body,p{font-family:'WenQuanYi Micro Hei';font-size:12pt} p{margin:0 0 6pt 0}"
            "</style></head><body>" + "\n".join(paras) + "</body></html>")


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def libreoffice(name, text, tmp, gap="  "):
    page = os.path.join(tmp, name + ".html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(to_html(text, gap))
    soffice(page, "doc:MS Word 97", tmp)
    doc = os.path.join(tmp, name + ".doc")
    soffice(doc, "pdf:writer_pdf_Export", tmp)
    return doc, os.path.join(tmp, name + ".pdf")


def wrap(text, width_fn, max_width):
    """Lines of at most max_width points, breaking anywhere (CJK)."""
    out = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if width_fn(line + ch) > max_width and line:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def reportlab_pdf(path, text, cid):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if cid:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    else:
        pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
        font = "WQY"
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    size, left, top, bottom = 11, 60, A4[1] - 60, 60
    y = top
    for line in wrap(text, lambda s: pdfmetrics.stringWidth(s, font, size), A4[0] - 2 * left):
        if y < bottom:
            c.showPage()
            y = top
        c.setFont(font, size)
        c.drawString(left, y, line)
        y -= size * 1.6
    c.save()


def fpdf_pdf(path, text):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    import datetime
    pdf.set_creation_date(datetime.datetime(2025, 3, 12, tzinfo=datetime.timezone.utc))
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    pdf.output(path)


def raw_pdf(path, objects):
    """A PDF from object bodies (1-based), with an xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(out)


def stream(dict_body, data):
    return b"<< " + dict_body + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def scan_pdf(path):
    """One page that is only a picture of text (a gray block here)."""
    w, h = 120, 160
    rnd = random.Random(7)
    pixels = bytes(rnd.choice((0, 255)) if 40 < y < 120 else 255 for y in range(h) for _ in range(w))
    image = zlib.compress(pixels)
    content = b"q 480 0 0 640 60 100 cm /Im0 Do Q"
    raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (w, h), image),
        stream(b"", content),
    ])


def no_map_pdf(path):
    """Identity-H text with no ToUnicode: glyph numbers only."""
    content = b"BT /F1 14 Tf 60 700 Td <0A1B0C2D0E3F1041> Tj 0 -20 Td <11421243> Tj ET"
    raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        stream(b"", content),
    ])


def main():
    os.makedirs(FILES, exist_ok=True)
    with open(os.path.join(SOURCE, "long.txt"), "w", encoding="utf-8") as f:
        f.write(long_bulletin())
    tmp = tempfile.mkdtemp()
    try:
        for name in ("qingfeng", "liuhe", "long"):
            with open(os.path.join(SOURCE, name + ".txt"), encoding="utf-8") as f:
                text = f.read()
            doc, pdf = libreoffice(name, text, tmp)
            if name != "long":
                shutil.copy(doc, os.path.join(FILES, name + ".doc"))
            shutil.copy(pdf, os.path.join(FILES, name + "-lo.pdf"))
            if name == "qingfeng":
                reportlab_pdf(os.path.join(FILES, name + "-rl-ttf.pdf"), text, cid=False)
                fpdf_pdf(os.path.join(FILES, name + "-fpdf.pdf"), text)
            if name == "liuhe":
                reportlab_pdf(os.path.join(FILES, name + "-rl-cid.pdf"), text, cid=True)
        _, pdf = libreoffice("qingfeng-run-in", open(os.path.join(SOURCE, "qingfeng.txt"), encoding="utf-8").read(), tmp, gap="")
        shutil.copy(pdf, os.path.join(FILES, "qingfeng-run-in.pdf"))
        scan_pdf(os.path.join(FILES, "scan.pdf"))
        no_map_pdf(os.path.join(FILES, "no-map.pdf"))
        subprocess.run(["qpdf", "--encrypt", "user-pw", "owner-pw", "128", "--use-aes=y", "--",
                        os.path.join(FILES, "qingfeng-lo.pdf"), os.path.join(FILES, "encrypted.pdf")], check=True)
        subprocess.run(["qpdf", "--object-streams=generate", os.path.join(FILES, "qingfeng-lo.pdf"),
                        os.path.join(FILES, "qingfeng-objstm.pdf")], check=True)
        subprocess.run(["qpdf", "--encrypt", "", "owner-pw", "128", "--use-aes=y", "--print=none", "--extract=n", "--",
                        os.path.join(FILES, "qingfeng-lo.pdf"), os.path.join(FILES, "protected-aes128.pdf")], check=True)
        subprocess.run(["qpdf", "--allow-weak-crypto", "--encrypt", "", "owner-pw", "128", "--use-aes=n", "--extract=n", "--",
                        os.path.join(FILES, "liuhe-rl-cid.pdf"), os.path.join(FILES, "protected-rc4.pdf")], check=True)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
