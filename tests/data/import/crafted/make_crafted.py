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
c.execute('update col set models=?', (json.dumps(models),))
did = 1605399311004
notes = [
 (1700000000101, 'clozeMulti1', cl['id'], ' geo ', '{{c1::Paris}} is the capital of {{c2::France}}\x1fcapital cities', [0,1]),
 (1700000000102, 'clozeOne001', cl['id'], '', 'Water boils at {{c1::100::number}} &deg;C\x1f', [0]),
 (1700000000103, 'basicMedia1', basic['id'], 'pics', '<img src="flag.png"> Flag of Japan\x1fJapan [sound:jp.mp3]', [0]),
 (1700000000104, 'onlyPicture', basic['id'], '', '<img src="x.jpg">\x1fsomething', [0]),
 (1700000000105, 'sqlInjectn', basic['id'], '', "Robert'); DROP TABLE notes;--\x1f1 OR 1=1; SELECT * FROM cards", [0]),
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
