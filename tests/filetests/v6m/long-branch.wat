;; ARMv6-M branches: b<cond> reaches ±256 bytes, b ±2 KiB; a loop body longer
;; than that branches back with an inverted b<cond> over a `bl` (lr is saved in every
;; v6-M frame, so bl serves as a long jump).
;; test: asm --tier=opt --cpu=cortex-m0plus
(module
  (func (export "long_loop") (param i32 i32) (result i32)
    (loop $l
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 3))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 4))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 5))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 6))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 7))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 8))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 9))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 10))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 11))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 12))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 13))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 14))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 15))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 16))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 17))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 18))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 19))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 20))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 21))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 22))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 23))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 24))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 25))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 26))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 27))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 28))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 29))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 30))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 31))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 32))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 33))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 34))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 35))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 36))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 37))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 38))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 39))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 40))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 41))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 42))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 43))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 44))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 45))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 46))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 47))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 48))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 49))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 50))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 51))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 52))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 53))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 54))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 55))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 56))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 57))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 58))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 59))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 60))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 61))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 62))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 63))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 64))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 65))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 66))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 67))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 68))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 69))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 70))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 71))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 72))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 73))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 74))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 75))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 76))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 77))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 78))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 79))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 80))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 81))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 82))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 83))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 84))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 85))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 86))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 87))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 88))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 89))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 90))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 91))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 92))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 93))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 94))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 95))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 96))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 97))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 98))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 99))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 100))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 101))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 102))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 103))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 104))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 105))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 106))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 107))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 108))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 109))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 110))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 111))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 112))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 113))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 114))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 115))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 116))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 117))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 118))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 119))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 120))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 121))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 122))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 123))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 124))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 125))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 126))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 127))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 128))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 129))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 130))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 131))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 132))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 133))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 134))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 135))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 136))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 137))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 138))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 139))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 140))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 141))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 142))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 143))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 144))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 145))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 146))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 147))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 148))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 149))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 150))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 151))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 152))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 153))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 154))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 155))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 156))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 157))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 158))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 159))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 160))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 161))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 162))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 163))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 164))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 165))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 166))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 167))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 168))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 169))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 170))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 171))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 172))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 173))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 174))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 175))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 176))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 177))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 178))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 179))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 180))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 181))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 182))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 183))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 184))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 185))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 186))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 187))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 188))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 189))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 190))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 191))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 192))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 193))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 194))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 195))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 196))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 197))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 198))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 199))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 200))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 201))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 202))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 203))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 204))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 205))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 206))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 207))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 208))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 209))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 210))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 211))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 212))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 213))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 214))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 215))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 216))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 217))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 218))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 219))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 220))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 221))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 222))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 223))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 224))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 225))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 226))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 227))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 228))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 229))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 230))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 231))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 232))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 233))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 234))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 235))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 236))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 237))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 238))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 239))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 240))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 241))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 242))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 243))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 244))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 245))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 246))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 247))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 248))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 249))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 250))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 251))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 252))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 253))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 254))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 255))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 256))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 257))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 258))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 259))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 260))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 261))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 262))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 263))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 264))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 265))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 266))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 267))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 268))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 269))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 270))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 271))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 272))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 273))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 274))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 275))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 276))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 277))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 278))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 279))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 280))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 281))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 282))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 283))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 284))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 285))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 286))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 287))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 288))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 289))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 290))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 291))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 292))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 293))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 294))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 295))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 296))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 297))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 298))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 299))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 300))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 301))))
    (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 1) (i32.const 302))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))

;; ==== asm --tier=opt --cpu=cortex-m0plus ====
;; .text.long_loop  (2616 bytes, align 4)
;; long_loop:  global func, 2616 bytes
;;     push    {r4, r5, r6, lr}
;;     .inst.n 0x4a01  @ ldr  r2, [pc, #4]
;;     b.n     .L0
;;     .byte   0x00
;;     .byte   0x00
;;     .word   0x0000012d
;; .L0:
;;     movs    r3, #0x97
;;     lsls    r3, r3, #1
;; .L1:
;;     movs    r4, #3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x10
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x11
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x12
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x13
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x14
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x15
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x16
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x17
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x18
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x19
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x1f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x20
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x21
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x22
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x23
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x24
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x25
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x26
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x27
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x28
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x29
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x2f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x30
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x31
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x32
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x33
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x34
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x35
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x36
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x37
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x38
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x39
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x3f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x40
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x41
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x42
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x43
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x44
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x45
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x46
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x47
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x48
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x49
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x4f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x50
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x51
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x52
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x53
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x54
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x55
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x56
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x57
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x58
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x59
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x5f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x60
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x61
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x62
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x63
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x64
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x65
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x66
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x67
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x68
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x69
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x6f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x70
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x71
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x72
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x73
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x74
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x75
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x76
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x77
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x78
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x79
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x7f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x80
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x81
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x82
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x83
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x84
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x85
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x86
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x87
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x88
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x89
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x8f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x90
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x91
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x92
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x93
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x94
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x95
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x96
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x97
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x98
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x99
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9a
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9b
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9c
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9d
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9e
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0x9f
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xa9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xaa
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xab
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xac
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xad
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xae
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xaf
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xb9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xba
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xbb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xbc
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xbd
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xbe
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xbf
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xc9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xca
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xcb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xcc
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xcd
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xce
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xcf
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xd9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xda
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xdb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xdc
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xdd
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xde
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xdf
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xe9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xea
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xeb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xec
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xed
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xee
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xef
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf0
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf1
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf2
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf3
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf4
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf5
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf6
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf7
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf8
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xf9
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xfa
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xfb
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xfc
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xfd
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xfe
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     movs    r4, #0xff
;;     mov     r5, r1
;;     muls    r5, r4, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e8d  @ ldr  r6, [pc, #0x234]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e8a  @ ldr  r6, [pc, #0x228]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e87  @ ldr  r6, [pc, #0x21c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e84  @ ldr  r6, [pc, #0x210]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e81  @ ldr  r6, [pc, #0x204]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e7e  @ ldr  r6, [pc, #0x1f8]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e7b  @ ldr  r6, [pc, #0x1ec]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e78  @ ldr  r6, [pc, #0x1e0]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e75  @ ldr  r6, [pc, #0x1d4]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e72  @ ldr  r6, [pc, #0x1c8]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e6f  @ ldr  r6, [pc, #0x1bc]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e6c  @ ldr  r6, [pc, #0x1b0]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e69  @ ldr  r6, [pc, #0x1a4]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e66  @ ldr  r6, [pc, #0x198]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e63  @ ldr  r6, [pc, #0x18c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e60  @ ldr  r6, [pc, #0x180]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e5d  @ ldr  r6, [pc, #0x174]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e5a  @ ldr  r6, [pc, #0x168]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e57  @ ldr  r6, [pc, #0x15c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e54  @ ldr  r6, [pc, #0x150]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e51  @ ldr  r6, [pc, #0x144]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e4e  @ ldr  r6, [pc, #0x138]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e4b  @ ldr  r6, [pc, #0x12c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e48  @ ldr  r6, [pc, #0x120]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e45  @ ldr  r6, [pc, #0x114]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e42  @ ldr  r6, [pc, #0x108]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e3f  @ ldr  r6, [pc, #0xfc]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e3c  @ ldr  r6, [pc, #0xf0]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e39  @ ldr  r6, [pc, #0xe4]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e36  @ ldr  r6, [pc, #0xd8]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e33  @ ldr  r6, [pc, #0xcc]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e30  @ ldr  r6, [pc, #0xc0]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e2d  @ ldr  r6, [pc, #0xb4]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e2a  @ ldr  r6, [pc, #0xa8]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e27  @ ldr  r6, [pc, #0x9c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e24  @ ldr  r6, [pc, #0x90]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e21  @ ldr  r6, [pc, #0x84]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e1e  @ ldr  r6, [pc, #0x78]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e1b  @ ldr  r6, [pc, #0x6c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e18  @ ldr  r6, [pc, #0x60]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e15  @ ldr  r6, [pc, #0x54]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e12  @ ldr  r6, [pc, #0x48]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e0f  @ ldr  r6, [pc, #0x3c]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e0c  @ ldr  r6, [pc, #0x30]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4e09  @ ldr  r6, [pc, #0x24]
;;     mov     r5, r1
;;     muls    r5, r6, r5
;;     adds    r1, r5, r1
;;     mov     r5, r1
;;     muls    r5, r2, r5
;;     adds    r1, r5, r1
;;     mov     r5, r1
;;     muls    r5, r3, r5
;;     adds    r1, r5, r1
;;     .inst.n 0x4d03  @ ldr  r5, [pc, #0xc]
;;     adds    r0, r0, r5
;;     beq.n   .L2
;;     bl      .L1
;; .L2:
;;     mov     r0, r1
;;     pop     {r4, r5, r6, pc}
;;     mov     r8, r8
;;     .word   0xffffffff
;;     .word   0x0000012c
;;     .word   0x0000012b
;;     .word   0x0000012a
;;     .word   0x00000129
;;     .word   0x00000128
;;     .word   0x00000127
;;     .word   0x00000126
;;     .word   0x00000125
;;     .word   0x00000124
;;     .word   0x00000123
;;     .word   0x00000122
;;     .word   0x00000121
;;     .word   0x00000120
;;     .word   0x0000011f
;;     .word   0x0000011e
;;     .word   0x0000011d
;;     .word   0x0000011c
;;     .word   0x0000011b
;;     .word   0x0000011a
;;     .word   0x00000119
;;     .word   0x00000118
;;     .word   0x00000117
;;     .word   0x00000116
;;     .word   0x00000115
;;     .word   0x00000114
;;     .word   0x00000113
;;     .word   0x00000112
;;     .word   0x00000111
;;     .word   0x00000110
;;     .word   0x0000010f
;;     .word   0x0000010e
;;     .word   0x0000010d
;;     .word   0x0000010c
;;     .word   0x0000010b
;;     .word   0x0000010a
;;     .word   0x00000109
;;     .word   0x00000108
;;     .word   0x00000107
;;     .word   0x00000106
;;     .word   0x00000105
;;     .word   0x00000104
;;     .word   0x00000103
;;     .word   0x00000102
;;     .word   0x00000101
;;     .word   0x00000100
;;     .word   0x0000012d
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     pop     {r3, r4, r5, r6, r7, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0
