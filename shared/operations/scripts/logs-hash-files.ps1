param($p)
# SHA-256 of the first `length` bytes of each file: the bytes hlk-assist copied, even if a log grew since.
# Files are opened the way a log writer allows (read, write and delete shared), so a live log can be read.
$buffer = New-Object byte[] (1024 * 1024)
$share = [System.IO.FileShare]'ReadWrite, Delete'
$out = [System.Collections.Generic.List[object]]::new()
foreach ($file in @($p.files)) {
    $path = [string]$file.path
    $length = [int64]$file.length
    $sha256 = $null
    $problem = $null
    try {
        $stream = [System.IO.File]::Open($path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, $share)
        $hasher = [System.Security.Cryptography.SHA256]::Create()
        try {
            if ($stream.Length -lt $length) {
                throw ('the file is now {0} bytes, shorter than the {1} bytes copied' -f $stream.Length, $length)
            }
            $left = $length
            while ($left -gt 0) {
                $read = $stream.Read($buffer, 0, [int][Math]::Min([int64]$buffer.Length, $left))
                if ($read -le 0) { throw 'the file ended before the bytes copied' }
                $null = $hasher.TransformBlock($buffer, 0, $read, $null, 0)
                $left -= $read
            }
            $null = $hasher.TransformFinalBlock($buffer, 0, 0)
            $sha256 = ([System.BitConverter]::ToString($hasher.Hash) -replace '-', '').ToLowerInvariant()
        } finally {
            $hasher.Dispose()
            $stream.Dispose()
        }
    } catch {
        $e = $_.Exception
        if ($null -ne $e.InnerException) { $e = $e.InnerException }
        $problem = $e.Message
    }
    $out.Add([ordered]@{ path = $path; sha256 = $sha256; problem = $problem })
}
[ordered]@{ files = @($out) }
