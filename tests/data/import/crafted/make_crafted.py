import sqlite3, shutil, json, zipfile, os
out = '/work/main/tests/data/import/crafted'
src = '/tmp/imp/JLPT_N1_Grammar/collection.anki2'
def pack(name, db, media='{}'):
    with zipfile.ZipFile(os.path.join(out, name), 'w', zipfile.ZIP_DEFLATED) as z:
        z.write(db, 'collection.anki2'); z.writestr('media', media)
# 1. unknown schema
shutil.copy(src, 'u.db'); c = sqlite3.connect('u.db'); c.execute('update col set ver=99'); c.commit(); c.execute('vacuum'); c.close()
pack('unknown_schema.apkg', 'u.db')
# 2. cloze + reversed + media + suspended
shutil.copy(src, 'z.db'); c = sqlite3.connect('z.db')
models = json.loads(c.execute('select models from col').fetchone()[0])
basic = [m for m in models.values() if m['name']=='Basic'][0]
cl = json.loads(json.dumps(basic)); cl['id'] = 1700000000001; cl['name'] = 'Cloze'; cl['type'] = 1
cl['flds'] = [dict(basic['flds'][0], name='Text', ord=0), dict(basic['flds'][1], name='Back Extra', ord=1)]
cl['tmpls'] = [dict(basic['tmpls'][0], name='Cloze', qfmt='{{cloze:Text}}', afmt='{{cloze:Text}}<br>{{Back Extra}}')]
models[str(cl['id'])] = cl
ty = json.loads(json.dumps(basic)); ty['id'] = 1700000000002; ty['name'] = 'Basic (type in the answer)'
ty['tmpls'] = [dict(basic['tmpls'][0], qfmt='{{Front}}\n\n{{type:Back}}', afmt='{{FrontSide}}\n\n<hr id=answer>\n\n{{type:Back}}')]
models[str(ty['id'])] = ty
ru = json.loads(json.dumps(basic)); ru['id'] = 1700000000003; ru['name'] = 'Japanese'
ru['flds'] = [dict(basic['flds'][0], name='Word', ord=0), dict(basic['flds'][1], name='Meaning', ord=1), dict(basic['flds'][1], name='Note', ord=2)]
ru['tmpls'] = [dict(basic['tmpls'][0], qfmt='{{kanji:Word}}', afmt='{{FrontSide}}<hr id=answer>{{furigana:Word}} {{Meaning}}{{#Note}}<br>Note: {{Note}}{{/Note}}{{^Note}} (no note){{/Note}}')]
models[str(ru['id'])] = ru
c.execute('update col set models=?', (json.dumps(models),))
did = 1605399311004
notes = [
 (1700000000101, 'clozeMulti1', cl['id'], ' geo ', '{{c1::Paris}} is the capital of {{c2::France}}\x1fcapital cities', [0,1]),
 (1700000000102, 'clozeOne001', cl['id'], '', 'Water boils at {{c1::100::number}} &deg;C\x1f', [0]),
 (1700000000103, 'basicMedia1', basic['id'], 'pics', '<img src="flag.png"> Flag of Japan\x1fJapan [sound:jp.mp3]', [0]),
 (1700000000104, 'onlyPicture', basic['id'], '', '<img src="x.jpg">\x1fsomething', [0]),
 (1700000000105, 'sqlInjectn', basic['id'], '', "Robert'); DROP TABLE notes;--\x1f1 OR 1=1; SELECT * FROM cards", [0]),
 (1700000000106, 'typeAnswer', ty['id'], '', 'Capital of Peru?\x1fLima', [0]),
 (1700000000107, 'rubyNoNote', ru['id'], '', ' 日本[にほん]\x1fJapan\x1f', [0]),
 (1700000000108, 'rubyNote01', ru['id'], '', ' 漢字[かんじ]\x1fChinese characters\x1f<b>common</b>', [0]),
]
cid = 1700000001000
for nid, guid, mid, tags, flds, ords in notes:
    c.execute("insert into notes values (?,?,?,0,-1,?,?,?,0,0,'')", (nid, guid, mid, tags, flds, flds.split('\x1f')[0]))
    for o in ords:
        cid += 1
        q = -1 if guid == 'basicMedia1' else 0
        c.execute("insert into cards values (?,?,?,?,0,-1,0,?,0,0,0,0,0,0,0,0,0,'')", (cid, nid, did, o, q))
c.commit(); c.execute('vacuum'); c.close()
pack('cloze_media.apkg', 'z.db', json.dumps({"0": "flag.png", "1": "jp.mp3", "2": "x.jpg"}))
# 3. sqlite but not anki
if os.path.exists('n.db'): os.remove('n.db')
c = sqlite3.connect('n.db'); c.execute('create table t(x)'); c.execute("insert into t values ('hi')"); c.commit(); c.close()
pack('not_anki.apkg', 'n.db')
